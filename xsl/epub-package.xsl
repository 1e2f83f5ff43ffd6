<?xml version="1.0" encoding="UTF-8"?>
<!-- epub-package.xsl - the EPUB's package document, EPUB/package.opf: the brief's
     identifier, title and subtitle, authors and editors, language, dates, abstract
     and keywords, the manifest of the files briefc writes beside it, and the reading
     order. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="http://www.idpf.org/2007/opf"
                xmlns:dc="http://purl.org/dc/elements/1.1/"
                xmlns:db="http://docbook.org/ns/docbook"
                xmlns:brf="urn:x-briefc:resolved"
                exclude-result-prefixes="db brf">

  <!-- The byline's names. -->
  <xsl:import href="names.xsl"/>

  <!-- When the package was last changed (ISO 8601 UTC, to the second); briefc
       passes the time of the build's stamp. -->
  <xsl:param name="modified" select="'1980-01-01T00:00:00Z'"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <!-- The brief's images by their name in the container: one item per file, however
       many imagedata show it. -->
  <xsl:key name="image" match="db:imagedata[@brf:src]" use="@brf:src"/>

  <xsl:template match="/">
    <xsl:apply-templates select="db:article" mode="package"/>
  </xsl:template>

  <xsl:template match="db:article" mode="package">
    <package version="3.0" unique-identifier="id" xml:lang="{@xml:lang}">
      <metadata>
        <dc:identifier id="id">
          <xsl:apply-templates select="." mode="identifier"/>
        </dc:identifier>
        <dc:title>
          <xsl:if test="db:info/db:subtitle"><xsl:attribute name="id">title</xsl:attribute></xsl:if>
          <xsl:value-of select="normalize-space(db:info/db:title)"/>
        </dc:title>
        <xsl:for-each select="db:info/db:subtitle">
          <meta refines="#title" property="title-type">main</meta>
          <dc:title id="subtitle"><xsl:value-of select="normalize-space(.)"/></dc:title>
          <meta refines="#subtitle" property="title-type">subtitle</meta>
        </xsl:for-each>
        <xsl:apply-templates select="db:info/db:author | db:info/db:editor" mode="package"/>
        <dc:language><xsl:value-of select="@xml:lang"/></dc:language>
        <xsl:apply-templates select="db:info/db:pubdate" mode="package"/>
        <xsl:for-each select="db:info/db:abstract">
          <dc:description><xsl:value-of select="normalize-space(.)"/></dc:description>
        </xsl:for-each>
        <xsl:for-each select="db:info/db:keywordset/db:keyword">
          <dc:subject><xsl:value-of select="normalize-space(.)"/></dc:subject>
        </xsl:for-each>
        <meta property="dcterms:modified"><xsl:value-of select="$modified"/></meta>
      </metadata>
      <manifest>
        <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
        <item id="brief" href="brief.xhtml" media-type="application/xhtml+xml"/>
        <item id="style" href="style.css" media-type="text/css"/>
        <!-- (Only a brief with images is walked for them: brf:elements says.) -->
        <xsl:if test="contains(@brf:elements, ' imagedata ')">
          <xsl:for-each select="//db:imagedata[@brf:src][generate-id() = generate-id(key('image', @brf:src)[1])]">
            <item id="img-{position()}" href="{@brf:src}" media-type="{@brf:type}"/>
          </xsl:for-each>
        </xsl:if>
      </manifest>
      <spine>
        <!-- Pages turn right to left in a language written so (labels.xsl's list;
             not included here, which would cost its compile for one test). -->
        <xsl:variable name="lang"
                      select="translate(substring-before(concat(@xml:lang, '-'), '-'), 'ARFHEDU', 'arfhedu')"/>
        <xsl:if test="$lang = 'ar' or $lang = 'he' or $lang = 'fa' or $lang = 'ur'">
          <xsl:attribute name="page-progression-direction">rtl</xsl:attribute>
        </xsl:if>
        <itemref idref="brief"/>
      </spine>
    </package>
  </xsl:template>

  <!-- "urn:x-briefc:" and the article's xml:id; else its title in lower case, the
       accents of Latin letters dropped, only ASCII letters and digits kept and its
       words joined by hyphens ("brief" if nothing is left: give such an article
       an xml:id). -->
  <xsl:template match="db:article" mode="identifier">
    <xsl:text>urn:x-briefc:</xsl:text>
    <xsl:choose>
      <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="keep" select="'abcdefghijklmnopqrstuvwxyz0123456789 '"/>
        <xsl:variable name="plain" select="translate(normalize-space(db:info/db:title),
            'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöøùúûüýÿ',
            'abcdefghijklmnopqrstuvwxyzaaaaaaceeeeiiiinoooooouuuuyaaaaaaceeeeiiiinoooooouuuuyy')"/>
        <xsl:variable name="words" select="translate(normalize-space(translate($plain,
            translate($plain, $keep, ''), '')), ' ', '-')"/>
        <xsl:value-of select="$words"/>
        <xsl:if test="not($words)">brief</xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Each author a creator, each editor a contributor, filed under the family name
       when the name has parts. -->
  <xsl:template match="db:author | db:editor" mode="package">
    <xsl:variable name="id" select="concat('creator-', position())"/>
    <xsl:choose>
      <xsl:when test="self::db:author">
        <dc:creator id="{$id}"><xsl:apply-templates select="." mode="plain"/></dc:creator>
      </xsl:when>
      <xsl:otherwise>
        <dc:contributor id="{$id}"><xsl:apply-templates select="." mode="plain"/></dc:contributor>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="db:personname/db:surname and db:personname/db:firstname">
      <meta refines="#{$id}" property="file-as">
        <xsl:value-of select="concat(db:personname/db:surname, ', ', db:personname/db:firstname)"/>
      </meta>
    </xsl:if>
    <meta refines="#{$id}" property="role" scheme="marc:relators">
      <xsl:choose>
        <xsl:when test="self::db:author">aut</xsl:when>
        <xsl:otherwise>edt</xsl:otherwise>
      </xsl:choose>
    </meta>
  </xsl:template>

  <!-- A publication date, when it is one EPUB takes: YYYY, YYYY-MM or YYYY-MM-DD. -->
  <xsl:template match="db:pubdate" mode="package">
    <xsl:variable name="shape" select="translate(normalize-space(.), '0123456789', '9999999999')"/>
    <xsl:if test="$shape = '9999' or $shape = '9999-99' or $shape = '9999-99-99'">
      <dc:date><xsl:value-of select="normalize-space(.)"/></dc:date>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
