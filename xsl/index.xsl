<?xml version="1.0" encoding="UTF-8"?>
<!-- index.xsl - an archive's index page (what briefc build writes as index.html when
     asked for an index): every brief of the run in input order, its title linking
     to its page, then its authors, date and abstract, each in the brief's own
     language. Input: the <brf:archive> archive.c makes, a <brf:brief file href
     lang> holding a copy of each brief's <info>. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:db="http://docbook.org/ns/docbook"
                xmlns:brf="urn:x-briefc:resolved"
                exclude-result-prefixes="db brf">

  <xsl:include href="labels.xsl"/>
  <xsl:include href="names.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="yes"/>

  <xsl:strip-space elements="brf:archive brf:brief db:info db:author db:affiliation
                             db:abstract db:keywordset"/>

  <!-- The page is in the first brief's language (English for none). -->
  <xsl:variable name="tag">
    <xsl:value-of select="/brf:archive/brf:brief[@lang][1]/@lang"/>
    <xsl:if test="not(/brf:archive/brf:brief/@lang)">en</xsl:if>
  </xsl:variable>
  <xsl:variable name="lang">
    <xsl:call-template name="primary-language"><xsl:with-param name="tag" select="$tag"/></xsl:call-template>
  </xsl:variable>

  <xsl:template match="/">
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <xsl:variable name="title">
      <xsl:call-template name="label">
        <xsl:with-param name="key" select="'briefs'"/>
        <xsl:with-param name="lang" select="$lang"/>
      </xsl:call-template>
    </xsl:variable>
    <html lang="{$tag}">
      <xsl:call-template name="dir"><xsl:with-param name="lang" select="$lang"/></xsl:call-template>
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/></title>
        <style>
body { margin: 0; background: #fdfdfb; color: #1b1b1b; }
main { max-width: 44rem; margin: 0 auto; padding: 2rem 1.25rem 4rem;
  font: 1.0625rem/1.6 Georgia, "DejaVu Serif", serif; }
h1 { font-size: 1.9rem; margin: 0 0 1.5rem; }
ol.briefs { list-style: none; padding: 0; }
ol.briefs > li { border-top: 1px solid #ccc; padding: 1rem 0; }
h2 { font-size: 1.25rem; line-height: 1.3; margin: 0 0 .3rem; }
.subtitle, .byline, .date { margin: 0; }
.byline { font-style: italic; }
.date { color: #555; font-size: .92rem; }
.abstract { font-size: .95rem; }
a { color: #1a4f8b; }
</style>
      </head>
      <body>
        <main>
          <h1><xsl:value-of select="$title"/></h1>
          <ol class="briefs">
            <xsl:apply-templates select="brf:archive/brf:brief"/>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- One brief: in its own language, which the list item says where it is not the
       page's. -->
  <xsl:template match="brf:brief">
    <xsl:variable name="own">
      <xsl:call-template name="primary-language"><xsl:with-param name="tag" select="@lang"/></xsl:call-template>
    </xsl:variable>
    <li>
      <xsl:if test="@lang and @lang != $tag">
        <xsl:attribute name="lang"><xsl:value-of select="@lang"/></xsl:attribute>
        <xsl:call-template name="dir"><xsl:with-param name="lang" select="$own"/></xsl:call-template>
      </xsl:if>
      <xsl:apply-templates select="db:info">
        <xsl:with-param name="lang" select="$own"/>
      </xsl:apply-templates>
      <xsl:if test="not(db:info)">
        <h2><xsl:call-template name="link"><xsl:with-param name="text" select="@file"/></xsl:call-template></h2>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template match="db:info">
    <xsl:param name="lang"/>
    <h2><xsl:call-template name="link"><xsl:with-param name="text" select="normalize-space(db:title)"/></xsl:call-template></h2>
    <xsl:for-each select="db:subtitle">
      <p class="subtitle"><xsl:value-of select="normalize-space(.)"/></p>
    </xsl:for-each>
    <p class="byline">
      <xsl:for-each select="db:author">
        <xsl:call-template name="list-separator">
          <xsl:with-param name="position" select="position()"/>
          <xsl:with-param name="last" select="last()"/>
          <xsl:with-param name="lang" select="$lang"/>
        </xsl:call-template>
        <xsl:apply-templates select="." mode="plain"/>
      </xsl:for-each>
    </p>
    <xsl:for-each select="db:pubdate">
      <xsl:variable name="d" select="normalize-space(.)"/>
      <xsl:variable name="months">
        <xsl:call-template name="month-names"><xsl:with-param name="lang" select="$lang"/></xsl:call-template>
      </xsl:variable>
      <p class="date">
        <time datetime="{$d}">
          <xsl:call-template name="date">
            <xsl:with-param name="year" select="substring($d, 1, 4)"/>
            <xsl:with-param name="month" select="substring($d, 6, 2)"/>
            <xsl:with-param name="day" select="substring($d, 9, 2)"/>
            <xsl:with-param name="lang" select="$lang"/>
            <xsl:with-param name="months" select="string($months)"/>
          </xsl:call-template>
        </time>
      </p>
    </xsl:for-each>
    <xsl:if test="db:abstract">
      <div class="abstract">
        <xsl:for-each select="db:abstract/db:para">
          <p><xsl:value-of select="normalize-space(.)"/></p>
        </xsl:for-each>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- TEXT, a link to the brief's page when the run wrote one. -->
  <xsl:template name="link">
    <xsl:param name="text"/>
    <xsl:variable name="href" select="ancestor-or-self::brf:brief/@href"/>
    <xsl:choose>
      <xsl:when test="$href"><a href="{$href}"><xsl:value-of select="$text"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- dir="rtl" for a language written right to left. -->
  <xsl:template name="dir">
    <xsl:param name="lang"/>
    <xsl:variable name="dir">
      <xsl:call-template name="direction"><xsl:with-param name="lang" select="$lang"/></xsl:call-template>
    </xsl:variable>
    <xsl:if test="$dir = 'rtl'"><xsl:attribute name="dir">rtl</xsl:attribute></xsl:if>
  </xsl:template>
</xsl:stylesheet>
