<?xml version="1.0" encoding="UTF-8"?>
<!-- labels.xsl - the words briefc adds to a brief ("Notes", "Bibliography", "Cited in
     notes 1, 2, and 3", "Contents", "Figure 2", the links' aria-labels), its dates and
     quotation marks, in the brief's language (en, es, fr, de, ar; English for any
     other), and its writing direction. Included by common.xsl and epub-nav.xsl; each
     gives the language. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- LANG: the primary subtag of an xml:lang or lang, lower-cased ("es" of "es-ES"). -->
  <xsl:template name="primary-language">
    <xsl:param name="tag"/>
    <xsl:value-of select="translate(substring-before(concat($tag, '-'), '-'),
                          'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
  </xsl:template>

  <!-- "rtl" for a language written right to left, else "ltr". -->
  <xsl:template name="direction">
    <xsl:param name="lang"/>
    <xsl:choose>
      <xsl:when test="$lang = 'ar' or $lang = 'he' or $lang = 'fa' or $lang = 'ur'">rtl</xsl:when>
      <xsl:otherwise>ltr</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The labels, LANG:KEY=label between bars, looked up by string (a table of one
       literal compiles in no time, and this file is compiled into four stylesheets).
       Keys: notes, bibliography, cited-in-note, cited-in-notes, contents, briefs
       (an archive's index), note (before a note's number), back (a note's link
       back), and, figures and tables (the EPUB's lists of them), figure and table
       (before their numbers), remark (an admonition without a title), image (an
       image in plain text), edited-by (before an editor's name), months (January
       to December, between commas), and the quotation marks open and close, and
       inner-open and inner-close for a quotation in one. -->
  <xsl:variable name="labels"
                select="concat('|en:notes=Notes|en:bibliography=Bibliography|en:cited-in-note=Cited in note|en:cited-in-notes=Cited in notes|en:contents=Contents|en:note=Note|en:back=Back to the text|en:and=and|',
                  'en:briefs=Briefs|en:figures=Figures|en:tables=Tables|en:figure=Figure|en:table=Table|en:remark=Note|en:image=Image|en:edited-by=Edited by|',
                  'en:months=January,February,March,April,May,June,July,August,September,October,November,December|',
                  'en:open=“|en:close=”|en:inner-open=‘|en:inner-close=’|',
                  'es:notes=Notas|es:bibliography=Bibliografía|es:cited-in-note=Citado en la nota|es:cited-in-notes=Citado en las notas|es:contents=Índice|es:note=Nota|es:back=Volver al texto|es:and=y|',
                  'es:briefs=Informes|es:figures=Figuras|es:tables=Tablas|es:figure=Figura|es:table=Tabla|es:remark=Nota|es:image=Imagen|es:edited-by=Edición de|',
                  'es:months=enero,febrero,marzo,abril,mayo,junio,julio,agosto,septiembre,octubre,noviembre,diciembre|',
                  'es:open=«|es:close=»|es:inner-open=“|es:inner-close=”|',
                  'fr:notes=Notes|fr:bibliography=Bibliographie|fr:cited-in-note=Cité dans la note|fr:cited-in-notes=Cité dans les notes|fr:contents=Table des matières|fr:note=Note|fr:back=Retour au texte|fr:and=et|',
                  'fr:briefs=Dossiers|fr:figures=Figures|fr:tables=Tableaux|fr:figure=Figure|fr:table=Tableau|fr:remark=Remarque|fr:image=Image|fr:edited-by=Sous la direction de|',
                  'fr:months=janvier,février,mars,avril,mai,juin,juillet,août,septembre,octobre,novembre,décembre|',
                  'fr:open=« |fr:close= »|fr:inner-open=“|fr:inner-close=”|',
                  'de:notes=Anmerkungen|de:bibliography=Literaturverzeichnis|de:cited-in-note=Zitiert in Anmerkung|de:cited-in-notes=Zitiert in den Anmerkungen|de:contents=Inhalt|de:note=Anmerkung|de:back=Zurück zum Text|de:and=und|',
                  'de:briefs=Berichte|de:figures=Abbildungen|de:tables=Tabellen|de:figure=Abbildung|de:table=Tabelle|de:remark=Hinweis|de:image=Bild|de:edited-by=Herausgegeben von|',
                  'de:months=Januar,Februar,März,April,Mai,Juni,Juli,August,September,Oktober,November,Dezember|',
                  'de:open=„|de:close=“|de:inner-open=‚|de:inner-close=‘|',
                  'ar:notes=الحواشي|ar:bibliography=المراجع|ar:cited-in-note=ورد في الحاشية|ar:cited-in-notes=ورد في الحواشي|ar:contents=المحتويات|ar:note=حاشية|ar:back=العودة إلى النص|ar:and=و|',
                  'ar:briefs=التقارير|ar:figures=الأشكال|ar:tables=الجداول|ar:figure=شكل|ar:table=جدول|ar:remark=ملاحظة|ar:image=صورة|ar:edited-by=تحرير|',
                  'ar:months=يناير,فبراير,مارس,أبريل,مايو,يونيو,يوليو,أغسطس,سبتمبر,أكتوبر,نوفمبر,ديسمبر|',
                  'ar:open=«|ar:close=»|ar:inner-open=“|ar:inner-close=”|')"/>

  <!-- The label KEY in LANG, else in English. -->
  <xsl:template name="label">
    <xsl:param name="key"/>
    <xsl:param name="lang"/>
    <xsl:variable name="found"
                  select="substring-before(substring-after($labels, concat('|', $lang, ':', $key, '=')), '|')"/>
    <xsl:choose>
      <xsl:when test="$found != ''"><xsl:value-of select="$found"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="substring-before(substring-after($labels, concat('|en:', $key, '=')), '|')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What stands before the item at POSITION of LAST in a list written out in LANG:
       nothing, ", ", or the conjunction, after a serial comma in English ("1, 2, and
       3"; "1 and 2"; "1, 2 y 3"). -->
  <xsl:template name="list-separator">
    <xsl:param name="position"/>
    <xsl:param name="last"/>
    <xsl:param name="lang"/>
    <xsl:choose>
      <xsl:when test="$position = 1"/>
      <xsl:when test="$position &lt; $last">, </xsl:when>
      <xsl:otherwise>
        <xsl:if test="$last &gt; 2 and not($lang = 'es' or $lang = 'fr' or $lang = 'de' or $lang = 'ar')">,</xsl:if>
        <xsl:text> </xsl:text>
        <xsl:call-template name="label">
          <xsl:with-param name="key" select="'and'"/>
          <xsl:with-param name="lang" select="$lang"/>
        </xsl:call-template>
        <xsl:text> </xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- LANG's month names numbered, "|1=January|2=February|...|12=December|": made
       once (common.xsl's month-names) for every date to look its month up in, where
       walking the list of names for each date took a tenth of a text's time. -->
  <xsl:template name="month-names">
    <xsl:param name="lang"/>
    <xsl:variable name="months">
      <xsl:call-template name="label">
        <xsl:with-param name="key" select="'months'"/>
        <xsl:with-param name="lang" select="$lang"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:text>|</xsl:text>
    <xsl:call-template name="numbered">
      <xsl:with-param name="list" select="concat($months, ',')"/>
      <xsl:with-param name="n" select="1"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The items of LIST, each ended by a comma, as "N=item|", numbered from N. -->
  <xsl:template name="numbered">
    <xsl:param name="list"/>
    <xsl:param name="n"/>
    <xsl:if test="$list != ''">
      <xsl:value-of select="concat($n, '=', substring-before($list, ','), '|')"/>
      <xsl:call-template name="numbered">
        <xsl:with-param name="list" select="substring-after($list, ',')"/>
        <xsl:with-param name="n" select="$n + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A date of YEAR, MONTH (1-12, or empty) and DAY (or empty) as LANG writes it,
       with MONTHS its month names (month-names): "March 9, 2026", "9 de marzo de
       2026", "9 mars 2026" ("1er mars"), "9. März 2026", "9 مارس 2026"; without a day,
       the month and year ("March 2026"). -->
  <xsl:template name="date">
    <xsl:param name="year"/>
    <xsl:param name="month"/>
    <xsl:param name="day" select="''"/>
    <xsl:param name="lang"/>
    <xsl:param name="months"/>
    <xsl:variable name="name"
                  select="substring-before(substring-after($months, concat('|', number($month), '=')), '|')"/>
    <xsl:variable name="d" select="string(number($day))"/>
    <xsl:choose>
      <xsl:when test="$name = ''"><xsl:value-of select="$year"/></xsl:when>
      <xsl:when test="$day = '' and $lang = 'es'"><xsl:value-of select="concat($name, ' de ', $year)"/></xsl:when>
      <xsl:when test="$day = ''"><xsl:value-of select="concat($name, ' ', $year)"/></xsl:when>
      <xsl:when test="$lang = 'es'"><xsl:value-of select="concat($d, ' de ', $name, ' de ', $year)"/></xsl:when>
      <xsl:when test="$lang = 'fr' and $d = '1'"><xsl:value-of select="concat('1er ', $name, ' ', $year)"/></xsl:when>
      <xsl:when test="$lang = 'de'"><xsl:value-of select="concat($d, '. ', $name, ' ', $year)"/></xsl:when>
      <xsl:when test="$lang = 'fr' or $lang = 'ar'"><xsl:value-of select="concat($d, ' ', $name, ' ', $year)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($name, ' ', $d, ', ', $year)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
