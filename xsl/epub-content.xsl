<?xml version="1.0" encoding="UTF-8"?>
<!-- epub-content.xsl - the EPUB's content document, EPUB/brief.xhtml: the page
     html.xsl wrote (briefc runs html.xsl once for both formats and hands its
     result tree here) made XHTML, with the EPUB vocabulary's epub:type beside each
     DPUB-ARIA role and style.css linked in place of the embedded style sheet. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:epub="http://www.idpf.org/2007/ops">

  <!-- XHTML; EPUB 3 needs no DOCTYPE. -->
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/">
    <xsl:apply-templates select="html" mode="xhtml"/>
  </xsl:template>

  <!-- html.xsl's elements (in no namespace) into XHTML. ========================= -->

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
      <xsl:if test="self::li and ../../@role = 'doc-endnotes'">
        <xsl:attribute name="epub:type">endnote</xsl:attribute>
      </xsl:if>
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

  <!-- The charset declaration that libxml2 adds to the HTML page as it writes it
       out: an XHTML document declares its encoding in its XML declaration. -->
  <xsl:template match="meta[@http-equiv]" mode="xhtml"/>

  <!-- epub:type: what reading systems act on (a noteref opens its footnote in a
       pop-up). A DPUB-ARIA role doc-NAME gives its element the type NAME where the
       EPUB vocabulary has that term (not "backlink", which epubcheck 4 does not
       know); an endnote's item has no role, as DPUB-ARIA 1.1 dropped doc-endnote,
       and gets its type above. Attributes come before an element's children, so
       the role's template can give its element another. -->
  <xsl:variable name="epub-types" select="' noteref footnote endnotes biblioref bibliography biblioentry '"/>

  <xsl:template match="@role" mode="xhtml">
    <xsl:variable name="name" select="substring-after(., 'doc-')"/>
    <xsl:copy/>
    <xsl:if test="starts-with(., 'doc-') and contains($epub-types, concat(' ', $name, ' '))">
      <xsl:attribute name="epub:type"><xsl:value-of select="$name"/></xsl:attribute>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
