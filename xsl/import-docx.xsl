<?xml version="1.0" encoding="UTF-8"?>
<!-- import-docx.xsl - a docx as the raw brief of src/import.h. Its input is what
     src/import_docx.c grafts under one d:docx element: d:document, and when the docx
     has them d:footnotes, d:endnotes, d:styles and d:numbering, each holding its
     part's root. Paragraphs map one by one and runs one by one: each list item comes
     as a list of its own, each quoted paragraph as a quote of its own, each formatted
     run as an emphasis of its own and every note with imp:n="0"; import_docx then
     joins the neighbours and numbers the notes in one linear pass. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="http://docbook.org/ns/docbook"
                xmlns:d="urn:x-briefc:docx"
                xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
                xmlns:imp="urn:x-briefc:import"
                exclude-result-prefixes="d w">

  <xsl:output method="xml" encoding="UTF-8"/>

  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>

  <xsl:key name="style" match="d:styles/w:styles/w:style" use="@w:styleId"/>
  <xsl:key name="num" match="d:numbering/w:numbering/w:num" use="@w:numId"/>
  <xsl:key name="abstract-num" match="d:numbering/w:numbering/w:abstractNum"
           use="@w:abstractNumId"/>
  <xsl:key name="footnote" match="d:footnotes/w:footnotes/w:footnote" use="@w:id"/>
  <xsl:key name="endnote" match="d:endnotes/w:endnotes/w:endnote" use="@w:id"/>

  <!-- The paragraphs with something to read, in reading order: tables, content
       controls and the like are looked through; text boxes (a paragraph inside a
       paragraph) are not. -->
  <xsl:variable name="paras"
                select="/d:docx/d:document/w:document/w:body//w:p[not(ancestor::w:p)]
                        [.//w:t[normalize-space()] or .//w:footnoteReference or
                         .//w:endnoteReference]"/>

  <!-- Styles are known by id (English in files Word writes in English) or by name
       (English in every file): Title, Author. -->
  <xsl:variable name="styles" select="/d:docx/d:styles/w:styles/w:style"/>
  <xsl:variable name="title-ids"
                select="$styles[translate(w:name/@w:val, $upper, $lower) = 'title']/@w:styleId"/>
  <xsl:variable name="author-ids"
                select="$styles[translate(w:name/@w:val, $upper, $lower) = 'author']/@w:styleId"/>

  <!-- The title: the first Title paragraph, else the first paragraph. -->
  <xsl:variable name="styled-title"
                select="$paras[w:pPr/w:pStyle/@w:val = 'Title' or
                               w:pPr/w:pStyle/@w:val = $title-ids][1]"/>
  <xsl:variable name="title" select="$styled-title | $paras[not($styled-title)][1]"/>

  <!-- A heading standing in for the title (Markdown's "# Title" made docx) makes the
       next level down the first level of sections. -->
  <xsl:variable name="title-level">
    <xsl:for-each select="$title">
      <xsl:call-template name="heading-level"/>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="shift">
    <xsl:choose>
      <xsl:when test="not($styled-title) and string($title-level) != ''">
        <xsl:value-of select="$title-level"/>
      </xsl:when>
      <xsl:otherwise>0</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- The byline: Author paragraphs, or a short one starting "By " right after the
       title. -->
  <xsl:variable name="after-title"
                select="$title/following::w:p[not(ancestor::w:p)]
                        [.//w:t[normalize-space()]][1][ancestor::d:document]"/>
  <xsl:variable name="bylines"
                select="$paras[w:pPr/w:pStyle/@w:val = 'Author' or
                               w:pPr/w:pStyle/@w:val = $author-ids] |
                        $after-title[starts-with(normalize-space(), 'By ') and
                                     string-length(normalize-space()) &lt;= 100]"/>
  <xsl:variable name="front" select="$title | $bylines"/>

  <!-- The document's language: the default run language of styles.xml ("en-GB"), as
       its two-letter code; English when there is none. -->
  <xsl:variable name="default-lang"
                select="translate(substring(/d:docx/d:styles/w:styles/w:docDefaults/
                        w:rPrDefault/w:rPr/w:lang/@w:val, 1, 2), $upper, $lower)"/>
  <xsl:variable name="lang">
    <xsl:choose>
      <xsl:when test="string-length($default-lang) = 2 and
                      translate($default-lang, $lower, '') = ''">
        <xsl:value-of select="$default-lang"/>
      </xsl:when>
      <xsl:otherwise>en</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <article version="5.0" xml:lang="{$lang}">
      <info>
        <title><xsl:apply-templates select="$title/node()" mode="inline"/></title>
        <xsl:for-each select="$bylines">
          <author><personname><xsl:call-template name="byline-name"/></personname></author>
        </xsl:for-each>
      </info>
      <xsl:apply-templates select="$paras[count(. | $front) != count($front)]"
                           mode="block"/>
    </article>
  </xsl:template>

  <!-- A byline's name: its text without "By " and without what follows a comma. -->
  <xsl:template name="byline-name">
    <xsl:variable name="text" select="normalize-space()"/>
    <xsl:variable name="name">
      <xsl:choose>
        <xsl:when test="starts-with($text, 'By ')">
          <xsl:value-of select="substring($text, 4)"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="contains($name, ',')">
        <xsl:value-of select="normalize-space(substring-before($name, ','))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space($name)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Paragraphs. -->

  <xsl:template match="w:p" mode="block">
    <xsl:variable name="level"><xsl:call-template name="heading-level"/></xsl:variable>
    <xsl:variable name="list"><xsl:call-template name="list-kind"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($level) != ''">
        <xsl:variable name="sect" select="$level - $shift"/>
        <bridgehead>
          <xsl:attribute name="renderas">
            <xsl:choose>
              <xsl:when test="$sect &lt; 1">sect1</xsl:when>
              <xsl:when test="$sect &gt; 3">sect3</xsl:when>
              <xsl:otherwise>sect<xsl:value-of select="$sect"/></xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:apply-templates mode="inline"/>
        </bridgehead>
      </xsl:when>
      <xsl:when test="$list = 'bullet'">
        <itemizedlist><listitem><para><xsl:apply-templates mode="inline"/></para></listitem></itemizedlist>
      </xsl:when>
      <xsl:when test="$list = 'number'">
        <orderedlist><listitem><para><xsl:apply-templates mode="inline"/></para></listitem></orderedlist>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="quote"><xsl:call-template name="is-quote"/></xsl:variable>
        <xsl:choose>
          <xsl:when test="$quote = 'yes'">
            <blockquote><para><xsl:apply-templates mode="inline"/></para></blockquote>
          </xsl:when>
          <xsl:otherwise>
            <para><xsl:apply-templates mode="inline"/></para>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The paragraph's heading level, 1 to 9, by its style's name ("heading 2") or id
       ("Heading2"); empty for a paragraph not a heading. -->
  <xsl:template name="heading-level">
    <xsl:variable name="id" select="string(w:pPr/w:pStyle/@w:val)"/>
    <xsl:variable name="name"
                  select="translate(key('style', $id)/w:name/@w:val, $upper, $lower)"/>
    <xsl:choose>
      <xsl:when test="string-length($name) = 9 and starts-with($name, 'heading ') and
                      contains('123456789', substring($name, 9))">
        <xsl:value-of select="substring($name, 9)"/>
      </xsl:when>
      <xsl:when test="string-length($id) = 8 and starts-with($id, 'Heading') and
                      contains('123456789', substring($id, 8))">
        <xsl:value-of select="substring($id, 8)"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- "bullet" or "number" for a list item, empty for another paragraph. An item has
       a numbering (w:numPr, its own or its style's, numId 0 being none), whose format
       at the item's level tells the kind; or a List Bullet or List Number style. -->
  <xsl:template name="list-kind">
    <xsl:variable name="style" select="key('style', w:pPr/w:pStyle/@w:val)"/>
    <xsl:variable name="numpr" select="(w:pPr/w:numPr | $style[not(current()/w:pPr/w:numPr)]/w:pPr/w:numPr)[1]"/>
    <xsl:variable name="name" select="translate($style/w:name/@w:val, $upper, $lower)"/>
    <xsl:choose>
      <xsl:when test="$numpr/w:numId[@w:val != '0']">
        <xsl:variable name="ilvl" select="string(number(concat('0', $numpr/w:ilvl/@w:val)))"/>
        <xsl:variable name="abstract"
                      select="key('abstract-num', key('num', $numpr/w:numId/@w:val)/w:abstractNumId/@w:val)"/>
        <xsl:choose>
          <xsl:when test="$abstract/w:lvl[@w:ilvl = $ilvl]/w:numFmt/@w:val = 'bullet' or
                          (not($abstract) and not(starts-with($name, 'list number')))">bullet</xsl:when>
          <xsl:otherwise>number</xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$numpr"/>
      <xsl:when test="starts-with($name, 'list bullet')">bullet</xsl:when>
      <xsl:when test="starts-with($name, 'list number')">number</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- "yes" for a quotation: Quote, Intense Quote, Block Text, Block Quotation. -->
  <xsl:template name="is-quote">
    <xsl:variable name="id" select="string(w:pPr/w:pStyle/@w:val)"/>
    <xsl:variable name="name"
                  select="translate(key('style', $id)/w:name/@w:val, $upper, $lower)"/>
    <xsl:if test="$id = 'Quote' or $id = 'IntenseQuote' or $id = 'BlockText' or
                  $id = 'BlockQuotation' or $name = 'quote' or $name = 'intense quote' or
                  $name = 'block text' or $name = 'block quotation' or
                  $name = 'quotations'">yes</xsl:if>
  </xsl:template>

  <!-- Inlines: what holds runs is looked through; deletions, field codes, bookmarks
       and the paragraph's properties say nothing to a reader. -->

  <xsl:template match="w:hyperlink | w:ins | w:moveTo | w:smartTag | w:sdt |
                       w:sdtContent | w:customXml | w:fldSimple | w:dir | w:bdo"
                mode="inline">
    <xsl:apply-templates mode="inline"/>
  </xsl:template>

  <xsl:template match="* | text()" mode="inline"/>

  <!-- A run: italic and bold as its own properties say, else its character style's
       (w:i w:val="0" or "false" is off). -->
  <xsl:template match="w:r" mode="inline">
    <xsl:variable name="style" select="key('style', w:rPr/w:rStyle/@w:val)/w:rPr"/>
    <xsl:variable name="i" select="w:rPr/w:i | $style[not(current()/w:rPr/w:i)]/w:i"/>
    <xsl:variable name="b" select="w:rPr/w:b | $style[not(current()/w:rPr/w:b)]/w:b"/>
    <xsl:apply-templates mode="run">
      <xsl:with-param name="italic"
                      select="$i and not($i/@w:val = '0' or $i/@w:val = 'false' or
                              $i/@w:val = 'off')"/>
      <xsl:with-param name="bold"
                      select="$b and not($b/@w:val = '0' or $b/@w:val = 'false' or
                              $b/@w:val = 'off')"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="* | text()" mode="run"/>

  <xsl:template match="w:t | w:tab | w:br | w:cr | w:noBreakHyphen" mode="run">
    <xsl:param name="italic"/>
    <xsl:param name="bold"/>
    <xsl:variable name="text">
      <xsl:choose>
        <xsl:when test="self::w:t"><xsl:value-of select="."/></xsl:when>
        <xsl:when test="self::w:noBreakHyphen">&#x2011;</xsl:when>
        <xsl:otherwise><xsl:text> </xsl:text></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$bold and $italic">
        <emphasis role="bold"><emphasis><xsl:value-of select="$text"/></emphasis></emphasis>
      </xsl:when>
      <xsl:when test="$bold"><emphasis role="bold"><xsl:value-of select="$text"/></emphasis></xsl:when>
      <xsl:when test="$italic"><emphasis><xsl:value-of select="$text"/></emphasis></xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Notes: a reference in the text brings the note's paragraphs there as one. A
       reference inside a note, and the note's own mark (w:footnoteRef), bring
       nothing. -->

  <xsl:template match="w:footnoteReference" mode="run">
    <xsl:if test="not(ancestor::d:footnotes or ancestor::d:endnotes)">
      <xsl:call-template name="note">
        <xsl:with-param name="note" select="key('footnote', @w:id)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="w:endnoteReference" mode="run">
    <xsl:if test="not(ancestor::d:footnotes or ancestor::d:endnotes)">
      <xsl:call-template name="note">
        <xsl:with-param name="note" select="key('endnote', @w:id)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Separators and continuation notices are notes of a type; a note has none, or
       "normal". -->
  <xsl:template name="note">
    <xsl:param name="note"/>
    <footnote imp:n="0" imp:line="0">
      <para>
        <xsl:for-each select="$note[not(@w:type) or @w:type = 'normal'][1]
                              //w:p[not(ancestor::w:p)]">
          <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
          <xsl:apply-templates mode="inline"/>
        </xsl:for-each>
      </para>
    </footnote>
  </xsl:template>

</xsl:stylesheet>
