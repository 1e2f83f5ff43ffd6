<?xml version="1.0" encoding="UTF-8"?>
<!-- epub-nav.xsl - the EPUB's navigation document, EPUB/nav.xhtml: a table of
     contents (the title, each section, Notes, Bibliography) whose links are the
     ids epub-content.xsl writes into brief.xhtml, and the landmarks. Nothing links
     into this document itself: it is not in the spine. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="http://www.w3.org/1999/xhtml"
                xmlns:db="http://docbook.org/ns/docbook"
                xmlns:brf="urn:x-briefc:resolved"
                xmlns:epub="http://www.idpf.org/2007/ops"
                exclude-result-prefixes="db brf">

  <!-- The ids of sections and the parameters, shared with epub-content.xsl (which
       reaches them through html.xsl): importing common.xsl alone keeps this
       stylesheet small to compile. -->
  <xsl:import href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:variable name="content" select="'brief.xhtml'"/>

  <xsl:template match="/">
    <xsl:apply-templates select="db:article" mode="nav"/>
  </xsl:template>

  <xsl:template match="db:article" mode="nav">
    <xsl:variable name="title" select="normalize-space(db:info/db:title)"/>
    <html lang="{@xml:lang}" xml:lang="{@xml:lang}">
      <head>
        <title><xsl:value-of select="$title"/></title>
        <link rel="stylesheet" type="text/css" href="style.css"/>
      </head>
      <body>
        <nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">
          <h1 id="toc-title">Contents</h1>
          <ol>
            <li><a href="{$content}"><xsl:value-of select="$title"/></a></li>
            <xsl:apply-templates select="db:section" mode="nav"/>
            <xsl:if test=".//db:footnote and $notes != 'footnotes'">
              <li><a href="{$content}#notes-title">Notes</a></li>
            </xsl:if>
            <xsl:if test="brf:bibliography/brf:work">
              <li><a href="{$content}#bibliography-title"><xsl:apply-templates select="." mode="bibliography-title"/></a></li>
            </xsl:if>
          </ol>
        </nav>
        <nav epub:type="landmarks" hidden="hidden">
          <ol>
            <li><a epub:type="bodymatter" href="{$content}"><xsl:value-of select="$title"/></a></li>
            <xsl:if test="brf:bibliography/brf:work">
              <li><a epub:type="bibliography" href="{$content}#bibliography-title"><xsl:apply-templates select="." mode="bibliography-title"/></a></li>
            </xsl:if>
          </ol>
        </nav>
      </body>
    </html>
  </xsl:template>

  <!-- A section, and the sections in it as a list of their own. -->
  <xsl:template match="db:section" mode="nav">
    <xsl:variable name="id"><xsl:apply-templates select="." mode="id"/></xsl:variable>
    <li>
      <a href="{$content}#{$id}"><xsl:value-of select="normalize-space(db:title)"/></a>
      <xsl:if test="db:section">
        <ol><xsl:apply-templates select="db:section" mode="nav"/></ol>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- The bibliography's heading, as html.xsl writes it. -->
  <xsl:template match="db:article" mode="bibliography-title">
    <xsl:variable name="title" select="normalize-space(db:bibliography/db:title)"/>
    <xsl:value-of select="$title"/>
    <xsl:if test="not($title)">Bibliography</xsl:if>
  </xsl:template>
</xsl:stylesheet>
