<?xml version="1.0" encoding="UTF-8"?>
<!-- epub-nav.xsl - the EPUB's navigation document, EPUB/nav.xhtml, read off the
     content document (the page html.xsl made, made XHTML by xhtml.c), so every
     link is to an id that is there: a table of contents (the title, each section,
     Notes, Bibliography), the lists of figures and of tables when the brief has
     captioned ones, and the landmarks. Nothing links into this document itself: it is not in the
     spine. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="http://www.w3.org/1999/xhtml"
                xmlns:h="http://www.w3.org/1999/xhtml"
                xmlns:epub="http://www.idpf.org/2007/ops"
                exclude-result-prefixes="h">

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:variable name="content" select="'brief.xhtml'"/>

  <!-- "Contents" in the brief's language, which the content document's lang says. -->
  <xsl:include href="labels.xsl"/>

  <xsl:template match="/">
    <xsl:apply-templates select="h:html"/>
  </xsl:template>

  <xsl:template match="h:html">
    <xsl:variable name="title" select="normalize-space(h:head/h:title)"/>
    <xsl:variable name="article" select="h:body/h:article"/>
    <xsl:variable name="notes" select="$article/h:section[@role = 'doc-endnotes']/h:h2"/>
    <xsl:variable name="bibliography" select="$article/h:section[@role = 'doc-bibliography']/h:h2"/>
    <xsl:variable name="lang">
      <xsl:call-template name="primary-language"><xsl:with-param name="tag" select="@lang"/></xsl:call-template>
    </xsl:variable>
    <html lang="{@lang}" xml:lang="{@lang}">
      <xsl:copy-of select="@dir"/>
      <head>
        <title><xsl:value-of select="$title"/></title>
        <link rel="stylesheet" type="text/css" href="style.css"/>
      </head>
      <body>
        <nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">
          <h1 id="toc-title">
            <xsl:call-template name="label">
              <xsl:with-param name="key" select="'contents'"/>
              <xsl:with-param name="lang" select="$lang"/>
            </xsl:call-template>
          </h1>
          <ol>
            <li><a href="{$content}"><xsl:value-of select="$title"/></a></li>
            <xsl:apply-templates select="$article/h:section[not(@role)]"/>
            <xsl:apply-templates select="$notes | $bibliography"/>
          </ol>
        </nav>
        <xsl:call-template name="list-of">
          <xsl:with-param name="type" select="'loi'"/>
          <xsl:with-param name="items" select="$article//h:figure[@id and h:figcaption/h:p[@class = 'title']]"/>
          <xsl:with-param name="key" select="'figures'"/>
          <xsl:with-param name="lang" select="$lang"/>
        </xsl:call-template>
        <xsl:call-template name="list-of">
          <xsl:with-param name="type" select="'lot'"/>
          <xsl:with-param name="items" select="$article//h:table[@id and h:caption]"/>
          <xsl:with-param name="key" select="'tables'"/>
          <xsl:with-param name="lang" select="$lang"/>
        </xsl:call-template>
        <nav epub:type="landmarks" hidden="hidden">
          <ol>
            <li><a epub:type="bodymatter" href="{$content}"><xsl:value-of select="$title"/></a></li>
            <xsl:for-each select="$bibliography">
              <li><a epub:type="bibliography" href="{$content}#{@id}"><xsl:value-of select="normalize-space()"/></a></li>
            </xsl:for-each>
          </ol>
        </nav>
      </body>
    </html>
  </xsl:template>

  <!-- A section (its heading comes first), and the sections in it as a list of
       their own. -->
  <xsl:template match="h:section">
    <li>
      <a href="{$content}#{@id}"><xsl:value-of select="normalize-space(*[1])"/></a>
      <xsl:if test="h:section">
        <ol><xsl:apply-templates select="h:section"/></ol>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- The list of the brief's ITEMS (figures or tables with a caption), a navigation
       of TYPE (loi, lot) under the label KEY; none without items. -->
  <xsl:template name="list-of">
    <xsl:param name="type"/>
    <xsl:param name="items"/>
    <xsl:param name="key"/>
    <xsl:param name="lang"/>
    <xsl:if test="$items">
      <nav epub:type="{$type}" id="{$type}" aria-labelledby="{$type}-title">
        <h2 id="{$type}-title">
          <xsl:call-template name="label">
            <xsl:with-param name="key" select="$key"/>
            <xsl:with-param name="lang" select="$lang"/>
          </xsl:call-template>
        </h2>
        <ol>
          <xsl:for-each select="$items">
            <li><a href="{$content}#{@id}"><xsl:value-of select="normalize-space(h:figcaption/h:p[@class = 'title'] | h:caption)"/></a></li>
          </xsl:for-each>
        </ol>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- The heading of the notes or the bibliography. -->
  <xsl:template match="h:h2">
    <li><a href="{$content}#{@id}"><xsl:value-of select="normalize-space()"/></a></li>
  </xsl:template>
</xsl:stylesheet>
