<?xml version="1.0" encoding="UTF-8"?>
<!-- epub-content.xsl - the EPUB's content document, EPUB/brief.xhtml: the page
     html.xsl writes, made XHTML in a second pass over its result, with the
     EPUB vocabulary's epub:type beside each DPUB-ARIA role and style.css linked
     in place of the embedded style sheet. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:db="http://docbook.org/ns/docbook"
                xmlns:brf="urn:x-briefc:resolved"
                xmlns:exsl="http://exslt.org/common"
                xmlns:epub="http://www.idpf.org/2007/ops"
                exclude-result-prefixes="db brf exsl">

  <xsl:import href="html.xsl"/>

  <!-- The parameters every format takes, as common.xsl describes them (declared
       here too, with the same defaults, so this stylesheet states what it takes):
       notes="endnotes" or "footnotes", citations="as-written" or "chicago". -->
  <xsl:param name="notes" select="'endnotes'"/>
  <xsl:param name="citations" select="'as-written'"/>

  <!-- XHTML; EPUB 3 needs no DOCTYPE. -->
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/">
    <xsl:variable name="html">
      <xsl:apply-templates select="db:article"/>
    </xsl:variable>
    <xsl:apply-templates select="exsl:node-set($html)/*" mode="xhtml"/>
  </xsl:template>

  <!-- The second pass: html.xsl's elements (in no namespace) into XHTML. ======= -->

  <!-- The root declares both namespaces once, for every element below it. -->
  <xsl:template match="html" mode="xhtml">
    <html xmlns="http://www.w3.org/1999/xhtml">
      <xsl:apply-templates select="@*" mode="xhtml"/>
      <xsl:apply-templates mode="xhtml"/>
    </html>
  </xsl:template>

  <xsl:template match="*" mode="xhtml">
    <xsl:element name="{local-name()}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:apply-templates select="@*" mode="xhtml"/>
      <xsl:apply-templates select="." mode="epub-type"/>
      <xsl:apply-templates mode="xhtml"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="@*" mode="xhtml">
    <xsl:copy/>
  </xsl:template>

  <!-- XHTML's own lang attribute comes too, with the same value. -->
  <xsl:template match="@lang" mode="xhtml">
    <xsl:copy/>
    <xsl:attribute name="xml:lang"><xsl:value-of select="."/></xsl:attribute>
  </xsl:template>

  <!-- Style lives in style.css; a viewport means nothing to a reflowable book. -->
  <xsl:template match="style" mode="xhtml">
    <link xmlns="http://www.w3.org/1999/xhtml" rel="stylesheet" type="text/css" href="style.css"/>
  </xsl:template>

  <xsl:template match="meta[@name = 'viewport']" mode="xhtml"/>

  <!-- epub:type: what reading systems act on (a noteref opens its footnote in a
       pop-up). A DPUB-ARIA role doc-NAME gets NAME where the EPUB vocabulary has
       that term (not "backlink", which epubcheck 4 does not know); an endnote's
       item has no role, as DPUB-ARIA 1.1 dropped doc-endnote. -->
  <xsl:variable name="epub-types" select="' noteref footnote endnotes biblioref bibliography biblioentry '"/>

  <!-- One template without predicates: libxslt matches a predicate pattern against
       a node of a result tree fragment by counting its siblings, which made this
       pass quadratic in a long list of notes. -->
  <xsl:template match="*" mode="epub-type">
    <xsl:variable name="name" select="substring-after(@role, 'doc-')"/>
    <xsl:choose>
      <xsl:when test="starts-with(@role, 'doc-') and
                      contains($epub-types, concat(' ', $name, ' '))">
        <xsl:attribute name="epub:type"><xsl:value-of select="$name"/></xsl:attribute>
      </xsl:when>
      <xsl:when test="self::li and ../../@role = 'doc-endnotes'">
        <xsl:attribute name="epub:type">endnote</xsl:attribute>
      </xsl:when>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
