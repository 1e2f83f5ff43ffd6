<?xml version="1.0" encoding="UTF-8"?>
<!-- html.xsl - a brief as one self-contained HTML5 page: title block, sections,
     notes as superscript links to a Notes section that links back, citations as
     links to a Bibliography section whose entries link back to their notes. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:db="http://docbook.org/ns/docbook"
                xmlns:xlink="http://www.w3.org/1999/xlink"
                xmlns:brf="urn:x-briefc:resolved"
                exclude-result-prefixes="db xlink brf">

  <xsl:import href="common.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/">
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <xsl:apply-templates select="db:article"/>
  </xsl:template>

  <xsl:template match="db:article">
    <html lang="{@xml:lang}">
      <xsl:if test="$dir = 'rtl'"><xsl:attribute name="dir">rtl</xsl:attribute></xsl:if>
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:value-of select="normalize-space(db:info/db:title)"/>
          <xsl:if test="db:info/db:subtitle">
            <xsl:value-of select="concat(': ', normalize-space(db:info/db:subtitle))"/>
          </xsl:if>
        </title>
        <xsl:for-each select="db:info/db:author">
          <meta name="author">
            <xsl:attribute name="content"><xsl:apply-templates select="." mode="plain"/></xsl:attribute>
          </meta>
        </xsl:for-each>
        <xsl:if test="db:info/db:abstract">
          <meta name="description" content="{normalize-space(db:info/db:abstract)}"/>
        </xsl:if>
        <xsl:if test="db:info/db:keywordset">
          <meta name="keywords">
            <xsl:attribute name="content">
              <xsl:for-each select="db:info/db:keywordset/db:keyword">
                <xsl:if test="position() &gt; 1">, </xsl:if>
                <xsl:value-of select="normalize-space(.)"/>
              </xsl:for-each>
            </xsl:attribute>
          </meta>
        </xsl:if>
        <style>
          <xsl:call-template name="css"/>
          <xsl:apply-templates select="." mode="css"/>
        </style>
      </head>
      <body>
        <article>
          <xsl:apply-templates select="db:info"/>
          <xsl:apply-templates select="*[not(self::db:info)]"/>
          <xsl:if test=".//db:footnote[not(@brf:in-text)] and $notes != 'footnotes'">
            <section class="notes" role="doc-endnotes" aria-labelledby="notes-title">
              <h2 id="notes-title"><xsl:value-of select="$label-notes"/></h2>
              <ol>
                <xsl:apply-templates select=".//db:footnote[not(@brf:in-text)]" mode="note"/>
              </ol>
            </section>
          </xsl:if>
          <xsl:apply-templates select="brf:bibliography[../brf:house-style/brf:entry]" mode="section"/>
        </article>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="db:info">
    <header>
      <h1><xsl:apply-templates select="db:title/node()"/></h1>
      <xsl:if test="db:subtitle">
        <p class="subtitle"><xsl:apply-templates select="db:subtitle/node()"/></p>
      </xsl:if>
      <xsl:for-each select="db:author">
        <p class="byline">
          <span class="author"><xsl:apply-templates select="db:personname|db:orgname" mode="plain"/></span>
          <xsl:for-each select="db:affiliation">
            <br/><span class="affiliation"><xsl:apply-templates select="." mode="plain"/></span>
          </xsl:for-each>
        </p>
      </xsl:for-each>
      <xsl:if test="db:editor">
        <p class="byline editors">
          <xsl:value-of select="concat($label-edited-by, ' ')"/>
          <xsl:for-each select="db:editor">
            <xsl:call-template name="list-separator">
              <xsl:with-param name="position" select="position()"/>
              <xsl:with-param name="last" select="last()"/>
              <xsl:with-param name="lang" select="$lang"/>
            </xsl:call-template>
            <span class="editor"><xsl:apply-templates select="." mode="plain"/></span>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:if test="db:pubdate">
        <p class="date"><time datetime="{normalize-space(db:pubdate)}"><xsl:apply-templates select="db:pubdate" mode="shown"/></time></p>
      </xsl:if>
      <xsl:apply-templates select="db:abstract"/>
    </header>
  </xsl:template>

  <xsl:template match="db:abstract">
    <div class="abstract"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="db:section">
    <section>
      <xsl:attribute name="id"><xsl:apply-templates select="." mode="id"/></xsl:attribute>
      <xsl:element name="h{count(ancestor::db:section) + 2}">
        <xsl:apply-templates select="db:title/node()"/>
      </xsl:element>
      <xsl:apply-templates select="*[not(self::db:title)]"/>
    </section>
  </xsl:template>

  <xsl:template match="db:para" name="para">
    <p>
      <xsl:if test="@role"><xsl:attribute name="class"><xsl:value-of select="@role"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </p>
    <xsl:apply-templates select="." mode="footnotes"/>
  </xsl:template>

  <xsl:template match="db:blockquote">
    <blockquote><xsl:apply-templates select="*[not(self::db:attribution)]"/></blockquote>
    <xsl:if test="db:attribution">
      <p class="attribution">— <xsl:apply-templates select="db:attribution/node()"/></p>
    </xsl:if>
  </xsl:template>

  <!-- A figure: its images, then its caption ("Figure 2. Title", and what the
       images' captions say). -->
  <xsl:template match="db:figure | db:informalfigure">
    <figure>
      <xsl:apply-templates select="." mode="id-attribute"/>
      <xsl:apply-templates select="db:mediaobject" mode="image"/>
      <xsl:if test="db:title or db:mediaobject/db:caption">
        <figcaption>
          <xsl:if test="db:title">
            <p class="title">
              <span class="label"><xsl:apply-templates select="." mode="caption-label"/></span>
              <xsl:apply-templates select="db:title/node()"/>
            </p>
          </xsl:if>
          <xsl:apply-templates select="db:mediaobject/db:caption/*"/>
        </figcaption>
      </xsl:if>
    </figure>
    <xsl:call-template name="notes-after"/>
  </xsl:template>

  <!-- An image with no figure around it is a figure without a title. -->
  <xsl:template match="db:mediaobject">
    <figure>
      <xsl:apply-templates select="@xml:id"/>
      <xsl:apply-templates select="." mode="image"/>
      <xsl:if test="db:caption">
        <figcaption><xsl:apply-templates select="db:caption/*"/></figcaption>
      </xsl:if>
    </figure>
    <xsl:call-template name="notes-after"/>
  </xsl:template>

  <xsl:template match="db:mediaobject" mode="image">
    <xsl:apply-templates select="db:imageobject/db:imagedata"/>
  </xsl:template>

  <xsl:template match="@xml:id">
    <xsl:attribute name="id"><xsl:value-of select="."/></xsl:attribute>
  </xsl:template>

  <!-- A figure's or table's id: its xml:id, else "figure-2", "table-1", so that the
       EPUB's lists of figures and tables can link to each. -->
  <xsl:template match="*" mode="id-attribute">
    <xsl:apply-templates select="@xml:id"/>
  </xsl:template>
  <xsl:template match="db:figure[not(@xml:id)]" mode="id-attribute">
    <xsl:attribute name="id">figure-<xsl:value-of select="count(preceding::db:figure) + 1"/></xsl:attribute>
  </xsl:template>
  <xsl:template match="db:table[not(@xml:id)]" mode="id-attribute">
    <xsl:attribute name="id">table-<xsl:value-of select="count(preceding::db:table) + 1"/></xsl:attribute>
  </xsl:template>

  <!-- A table: its caption ("Table 1. Title"), head rows of column headers, body
       rows of cells, each aligned as the brief says. -->
  <xsl:template match="db:table | db:informaltable">
    <table>
      <xsl:apply-templates select="." mode="id-attribute"/>
      <xsl:if test="db:title">
        <caption>
          <span class="label"><xsl:apply-templates select="." mode="caption-label"/></span>
          <xsl:apply-templates select="db:title/node()"/>
        </caption>
      </xsl:if>
      <xsl:apply-templates select="db:tgroup/db:thead | db:tgroup/db:tbody"/>
    </table>
    <xsl:call-template name="notes-after"/>
  </xsl:template>

  <xsl:template match="db:thead"><thead><xsl:apply-templates/></thead></xsl:template>
  <xsl:template match="db:tbody"><tbody><xsl:apply-templates/></tbody></xsl:template>
  <xsl:template match="db:row"><tr><xsl:apply-templates/></tr></xsl:template>
  <xsl:template match="db:thead/db:row/db:entry">
    <th scope="col"><xsl:call-template name="cell"/></th>
  </xsl:template>
  <xsl:template match="db:tbody/db:row/db:entry">
    <td><xsl:call-template name="cell"/></td>
  </xsl:template>

  <!-- A cell's alignment: its own, else its column's colspec's. -->
  <xsl:template name="cell">
    <xsl:variable name="column" select="count(preceding-sibling::db:entry) + 1"/>
    <xsl:variable name="align" select="(@align | ancestor::db:tgroup/db:colspec[$column]/@align)[1]"/>
    <xsl:if test="$align = 'right' or $align = 'center'">
      <xsl:attribute name="class"><xsl:value-of select="concat('align-', $align)"/></xsl:attribute>
    </xsl:if>
    <xsl:apply-templates/>
  </xsl:template>

  <!-- With notes='footnotes', the notes of a table or figure follow it whole: its
       cells and captions have no room for them. -->
  <xsl:template name="notes-after">
    <xsl:if test="$notes = 'footnotes'">
      <xsl:apply-templates select=".//db:footnote[not(@brf:in-text)]" mode="footnote"/>
    </xsl:if>
  </xsl:template>

  <!-- A list of terms, each with what it means. -->
  <xsl:template match="db:variablelist">
    <xsl:if test="db:title">
      <p class="list-title"><xsl:apply-templates select="db:title/node()"/></p>
    </xsl:if>
    <dl>
      <xsl:apply-templates select="@xml:id"/>
      <xsl:for-each select="db:varlistentry">
        <xsl:for-each select="db:term">
          <dt><xsl:apply-templates/></dt>
        </xsl:for-each>
        <dd><xsl:apply-templates select="db:listitem/*"/></dd>
      </xsl:for-each>
    </dl>
  </xsl:template>

  <!-- An admonition, and a sidebar: set apart, each under its title. -->
  <xsl:template match="db:note">
    <div class="note" role="note">
      <xsl:apply-templates select="@xml:id"/>
      <p class="title"><xsl:apply-templates select="." mode="title"/></p>
      <xsl:apply-templates select="*[not(self::db:title)]"/>
    </div>
  </xsl:template>

  <xsl:template match="db:sidebar">
    <aside class="sidebar">
      <xsl:apply-templates select="@xml:id"/>
      <xsl:if test="db:title">
        <p class="title"><xsl:apply-templates select="db:title/node()"/></p>
      </xsl:if>
      <xsl:apply-templates select="*[not(self::db:title)]"/>
    </aside>
  </xsl:template>

  <xsl:template match="db:itemizedlist"><ul><xsl:apply-templates/></ul></xsl:template>
  <xsl:template match="db:orderedlist"><ol><xsl:apply-templates/></ol></xsl:template>
  <xsl:template match="db:listitem"><li><xsl:apply-templates/></li></xsl:template>

  <!-- A single paragraph in a list item or note needs no <p> of its own. -->
  <!-- (The parent in the pattern, which libxslt tests itself, the siblings in the
       template: a predicate in the pattern would be an XPath evaluation for every
       paragraph of the brief. Siblings tested one each way: count(../*) would count
       them all, for every paragraph, quadratic in a long list item.) -->
  <xsl:template match="db:listitem/db:para | db:footnote/db:para | db:entry/db:para">
    <xsl:choose>
      <xsl:when test="preceding-sibling::*[1] or following-sibling::*[1]">
        <xsl:call-template name="para"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates/>
        <xsl:apply-templates select="." mode="footnotes"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- With notes='footnotes', a paragraph's notes follow it, each in an aside that
       links back to its reference. -->
  <xsl:template match="db:para" mode="footnotes">
    <xsl:if test="$notes = 'footnotes' and not(ancestor::db:entry or ancestor::db:caption)">
      <xsl:apply-templates select=".//db:footnote[not(@brf:in-text)]" mode="footnote"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="db:footnote" mode="footnote">
    <xsl:variable name="id-tree"><xsl:apply-templates select="." mode="id"/></xsl:variable>
    <xsl:variable name="id" select="string($id-tree)"/>
    <xsl:variable name="n"><xsl:apply-templates select="." mode="number"/></xsl:variable>
    <aside id="{$id}" class="footnote" role="doc-footnote">
      <a href="#{$id}-ref" role="doc-backlink" aria-label="{$label-back}"><xsl:value-of select="$n"/></a>
      <xsl:text> </xsl:text>
      <xsl:apply-templates/>
    </aside>
  </xsl:template>

  <!-- Inlines -->
  <xsl:template match="db:emphasis"><em><xsl:apply-templates/></em></xsl:template>
  <xsl:template match="db:emphasis[@role = 'bold' or @role = 'strong']"><strong><xsl:apply-templates/></strong></xsl:template>
  <!-- (Tested in the template, not by predicates in patterns: libxslt evaluates each
       of those for every element of the name.) -->
  <xsl:template match="db:citetitle | db:foreignphrase">
    <xsl:choose>
      <xsl:when test="@role = 'container' and self::db:citetitle"><cite><xsl:apply-templates/></cite></xsl:when>
      <xsl:when test="@xml:lang"><span lang="{@xml:lang}"><xsl:apply-templates/></span></xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="db:abbrev | db:acronym">
    <abbr><xsl:apply-templates/></abbr>
  </xsl:template>
  <xsl:template match="db:superscript"><sup><xsl:apply-templates/></sup></xsl:template>
  <xsl:template match="db:subscript"><sub><xsl:apply-templates/></sub></xsl:template>
  <xsl:template match="db:link[@xlink:href]">
    <a href="{@xlink:href}"><xsl:apply-templates/></a>
  </xsl:template>
  <xsl:template match="db:link[@linkend]">
    <a href="#{@linkend}"><xsl:apply-templates/></a>
  </xsl:template>
  <xsl:template match="db:xref">
    <a href="#{@linkend}"><xsl:apply-templates select="id(@linkend)" mode="xref-text"/></a>
  </xsl:template>
  <xsl:template match="db:quote"><q><xsl:apply-templates/></q></xsl:template>
  <!-- An address: a link when it is a web address. -->
  <xsl:template match="db:uri">
    <xsl:variable name="href-tree">
      <xsl:choose>
        <xsl:when test="@xlink:href"><xsl:value-of select="normalize-space(@xlink:href)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="href" select="string($href-tree)"/>
    <xsl:choose>
      <xsl:when test="starts-with($href, 'https://') or starts-with($href, 'http://')">
        <a class="uri" href="{$href}"><xsl:apply-templates/></a>
      </xsl:when>
      <xsl:otherwise><span class="uri"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A note in the text: a superscript link to the note, which links back. With an
       in-text CSL style, a note that only cites is its citation, in the text at its
       marker, linked to the first work it cites. -->
  <xsl:template match="db:footnote">
    <xsl:choose>
      <xsl:when test="@brf:in-text">
        <xsl:apply-templates select="." mode="in-text-space"/>
        <a class="citation in-text" href="#{(.//@brf:work)[1]}" role="doc-biblioref"><xsl:apply-templates select="key('piece', @brf:in-text)/node()"/></a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="id"><xsl:apply-templates select="." mode="id"/></xsl:variable>
        <xsl:variable name="n"><xsl:apply-templates select="." mode="number"/></xsl:variable>
        <sup class="noteref"><a href="#{$id}" id="{$id}-ref" role="doc-noteref" aria-label="{$label-note} {$n}"><xsl:value-of select="$n"/></a></sup>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- ...and a reference to such a note is the same citation. -->
  <xsl:template match="db:footnoteref[id(@linkend)/@brf:in-text]">
    <xsl:apply-templates select="id(@linkend)"/>
  </xsl:template>

  <xsl:template match="db:footnoteref">
    <xsl:variable name="note" select="id(@linkend)"/>
    <xsl:variable name="n"><xsl:apply-templates select="$note" mode="number"/></xsl:variable>
    <sup class="noteref"><a href="#{@linkend}" role="doc-noteref" aria-label="{$label-note} {$n}"><xsl:value-of select="$n"/></a></sup>
  </xsl:template>

  <xsl:template match="db:footnote" mode="note">
    <xsl:variable name="id-tree"><xsl:apply-templates select="." mode="id"/></xsl:variable>
    <xsl:variable name="id" select="string($id-tree)"/>
    <li id="{$id}">
      <xsl:apply-templates/>
      <xsl:text> </xsl:text>
      <a href="#{$id}-ref" role="doc-backlink" aria-label="{$label-back}">↩</a>
    </li>
  </xsl:template>

  <!-- Citations: each links to its work's bibliography entry, its text as
       common.xsl places it. -->
  <xsl:template match="db:citation">
    <xsl:choose>
      <xsl:when test="@brf:work">
        <a class="citation" href="#{@brf:work}" role="doc-biblioref"><xsl:apply-templates select="." mode="cited"/></a>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="db:biblioref[@brf:work]">
    <a class="citation" href="#{@brf:work}" role="doc-biblioref"><xsl:apply-imports/></a>
  </xsl:template>

  <!-- HTML has no link inside a link: a link written in a citation keeps its text,
       and its address is the work's URL in the bibliography. -->
  <xsl:template match="db:citation[@brf:work]//db:link">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- The bibliography, after the notes: one entry per work, with the notes that
       cite it. -->
  <xsl:template match="brf:bibliography" mode="section">
    <section class="bibliography" role="doc-bibliography" aria-labelledby="bibliography-title">
      <h2 id="bibliography-title">
        <xsl:variable name="title" select="../db:bibliography/db:title"/>
        <xsl:apply-templates select="$title/node()"/>
        <xsl:if test="not($title)"><xsl:value-of select="$label-bibliography"/></xsl:if>
      </h2>
      <ul>
        <xsl:apply-templates select="../brf:house-style/brf:entry" mode="section"/>
      </ul>
    </section>
  </xsl:template>

  <!-- An entry as the house style wrote it, in the style's order; the notes that
       cite its work when the citations are notes. -->
  <xsl:template match="brf:entry" mode="section">
    <li id="{@work}" role="doc-biblioentry">
      <xsl:apply-templates/>
      <xsl:if test="../@class = 'note'">
        <xsl:apply-templates select="key('work', @work)" mode="cited-in"/>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template match="brf:work" mode="cited-in">
      <!-- cited-by is in note order, so a note that cites the work twice
           repeats the one before it: each note is listed once. -->
      <xsl:variable name="notes" select="brf:cited-by[not(@note = preceding-sibling::brf:cited-by[1]/@note)]"/>
      <xsl:if test="$notes">
        <xsl:text> </xsl:text>
        <span class="cited-in">
          <xsl:choose>
            <xsl:when test="count($notes) = 1"><xsl:value-of select="$label-cited-in-note"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$label-cited-in-notes"/></xsl:otherwise>
          </xsl:choose>
          <xsl:text> </xsl:text>
          <xsl:for-each select="$notes">
            <xsl:call-template name="list-separator">
              <xsl:with-param name="position" select="position()"/>
              <xsl:with-param name="last" select="last()"/>
              <xsl:with-param name="lang" select="$lang"/>
            </xsl:call-template>
            <!-- id(N) is note N: briefc makes each note's number its ID. -->
            <xsl:variable name="id"><xsl:apply-templates select="id(@note)" mode="id"/></xsl:variable>
            <a href="#{$id}"><xsl:value-of select="@note"/></a>
          </xsl:for-each>
          <xsl:text>.</xsl:text>
        </span>
      </xsl:if>
  </xsl:template>

  <!-- The house style's italics set the titles of works (and of what they appear
       in): HTML's cite. -->
  <xsl:template match="brf:house-style//db:emphasis[not(@role)]">
    <cite><xsl:apply-templates/></cite>
  </xsl:template>

  <!-- The engine's formatting without an inline of DocBook's (housestyle.h). (Its
       roles tested in the template: five patterns with a predicate each had libxslt
       evaluate five XPath expressions for every phrase of the brief.) -->
  <xsl:template match="brf:house-style//db:phrase">
    <xsl:choose>
      <xsl:when test="@role = 'small-caps'">
        <span style="font-variant: small-caps"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:when test="@role = 'underline'">
        <span style="text-decoration: underline"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:when test="@role = 'roman'">
        <span style="font-style: normal"><xsl:apply-templates/></span>
      </xsl:when>
      <!-- A numeric style's entry number: a space between it and the entry. -->
      <xsl:when test="@role = 'csl-left-margin'">
        <span class="{@role}"><xsl:apply-templates/></span>
        <xsl:text> </xsl:text>
      </xsl:when>
      <xsl:when test="starts-with(@role, 'csl-')">
        <span class="{@role}"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Images: briefc's name for the file (brf:src, media.h), which the EPUB packs
       beside its content and the HTML page replaces with the image itself (a data:
       URI), and its size in pixels where the file says it; the text alternative is
       common.xsl's. -->
  <xsl:template match="db:imagedata">
    <xsl:variable name="alt-tree">
      <xsl:apply-templates select="ancestor::db:mediaobject[1]" mode="alt"/>
    </xsl:variable>
    <xsl:variable name="alt" select="string($alt-tree)"/>
    <img src="{@brf:src}" alt="{$alt}">
      <xsl:if test="@brf:width"><xsl:attribute name="width"><xsl:value-of select="@brf:width"/></xsl:attribute></xsl:if>
      <xsl:if test="@brf:height"><xsl:attribute name="height"><xsl:value-of select="@brf:height"/></xsl:attribute></xsl:if>
    </img>
  </xsl:template>

  <!-- The style of the parts a brief has, only those: figures, tables, lists of
       terms, admonitions and sidebars. -->
  <xsl:template match="db:article" mode="css">
    <!-- briefc lists the elements the brief holds (brf:elements): a walk of the
         whole brief for each test took a tenth of a build of 1000 copies. -->
    <xsl:variable name="has" select="@brf:elements"/>
    <xsl:if test="contains($has, ' figure ') or contains($has, ' informalfigure ') or contains($has, ' mediaobject ')">
      <xsl:text>figure { margin: 1.5rem 0; }
figure img { display: block; max-width: 100%; height: auto; }
figcaption { font-size: .92rem; color: #333; margin-top: .4rem; }
figcaption p { margin: .2rem 0; }
</xsl:text>
    </xsl:if>
    <xsl:if test="contains($has, ' table ') or contains($has, ' informaltable ')">
      <xsl:text>table { border-collapse: collapse; margin: 1.5rem 0; font-size: .95rem; }
caption { text-align: start; font-size: .92rem; margin-bottom: .4rem; }
th, td { border-bottom: 1px solid #ccc; padding: .3rem .6rem; text-align: start; vertical-align: top; }
thead th { border-bottom: 2px solid #888; }
.align-right { text-align: end; }
.align-center { text-align: center; }
</xsl:text>
    </xsl:if>
    <xsl:if test="contains($has, ' figure ') or contains($has, ' table ')">
      <xsl:text>.label { font-weight: bold; }
</xsl:text>
    </xsl:if>
    <xsl:if test="contains($has, ' variablelist ')">
      <xsl:text>.list-title, dt { font-weight: bold; }
dd { margin: 0 0 .6rem 1.5rem; }
dd > p { margin: .2rem 0; }
</xsl:text>
    </xsl:if>
    <xsl:if test="contains($has, ' note ') or contains($has, ' sidebar ')">
      <xsl:text>.note .title, .sidebar .title { font-weight: bold; margin-bottom: .3rem; }
.note { border-left: 3px solid #1a4f8b; padding: .1rem 1rem; margin: 1.25rem 0; background: #f3f6fa; }
.sidebar { border: 1px solid #ccc; padding: .1rem 1rem; margin: 1.5rem 0; background: #f7f7f2; }
</xsl:text>
    </xsl:if>
    <xsl:if test="db:info/db:editor">
      <xsl:text>.editors { font-style: normal; }
</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template name="css">
body { margin: 0; background: #fdfdfb; color: #1b1b1b; }
article { max-width: 40rem; margin: 0 auto; padding: 2rem 1.25rem 4rem;
  font: 1.0625rem/1.6 Georgia, "DejaVu Serif", serif; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .75rem; }
h2 { font-size: 1.3rem; margin: 2.25rem 0 .5rem; }
header { border-bottom: 1px solid #ccc; margin-bottom: 1.5rem; padding-bottom: 1rem; }
.byline { margin: 0; font-style: italic; }
blockquote { margin: 1.25rem 0; padding: 0 1.25rem; border-left: 3px solid #bbb; color: #333; }
p.closing { margin-top: 2rem; }
sup.noteref { line-height: 0; }
sup.noteref a { text-decoration: none; padding: 0 .1em; }
.notes { font-size: .92rem; border-top: 1px solid #ccc; margin-top: 3rem; }
.notes li { margin-bottom: .4rem; }
.notes li:target, .bibliography li:target, .footnote:target, p:target { background: #fff4c2; }
.footnote { font-size: .92rem; margin: -.5rem 0 1rem; padding-left: 1.5rem; color: #333; }
.footnote a[role="doc-backlink"] { text-decoration: none; margin-left: -1.5rem; display: inline-block; width: 1.5rem; }
a { color: #1a4f8b; }
a.citation { color: inherit; text-decoration: underline dotted #888; text-underline-offset: .15em; }
.bibliography { font-size: .92rem; border-top: 1px solid #ccc; margin-top: 3rem; }
.bibliography ul { list-style: none; padding: 0; }
.bibliography li { margin-bottom: .5rem; padding-left: 2em; text-indent: -2em; overflow-wrap: anywhere; }
.cited-in { display: block; text-indent: 0; font-size: .85em; color: #555; }
@media print {
  body { background: none; }
  article { max-width: none; padding: 0; font-size: 11pt; }
  a, a.citation { color: inherit; text-decoration: none; }
  a[role="doc-backlink"] { display: none; }
  .cited-in { color: inherit; }
  h2 { break-after: avoid; }
}
</xsl:template>
</xsl:stylesheet>
