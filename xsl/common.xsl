<?xml version="1.0" encoding="UTF-8"?>
<!-- common.xsl - what every output format shares: note numbering and identifiers,
     the byline, and how a brief's inline DocBook reads as text. Imported by each
     format's entry stylesheet, which supplies the markup. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:db="http://docbook.org/ns/docbook"
                exclude-result-prefixes="db">

  <!-- Indentation between blocks in the source is not text of the brief. -->
  <xsl:strip-space elements="db:article db:info db:author db:personname db:affiliation
                             db:section db:blockquote db:itemizedlist db:orderedlist
                             db:listitem db:footnote db:abstract"/>

  <!-- The number a reader sees for a note: its place among all notes. -->
  <xsl:template match="db:footnote" mode="number">
    <xsl:number level="any" count="db:footnote"/>
  </xsl:template>

  <!-- A stable anchor for a note: its xml:id, else "fn" and its number. -->
  <xsl:template match="db:footnote" mode="id">
    <xsl:choose>
      <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
      <xsl:otherwise>fn<xsl:apply-templates select="." mode="number"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Firstname Surname" from a structured personname. -->
  <xsl:template match="db:personname" mode="plain">
    <xsl:for-each select="db:honorific|db:firstname|db:othername|db:surname|db:lineage">
      <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
      <xsl:value-of select="."/>
    </xsl:for-each>
  </xsl:template>

  <!-- "Organisation – Job title", as bylines print an affiliation. -->
  <xsl:template match="db:affiliation" mode="plain">
    <xsl:value-of select="db:orgname"/>
    <xsl:if test="db:orgname and db:jobtitle"><xsl:text> – </xsl:text></xsl:if>
    <xsl:value-of select="db:jobtitle"/>
  </xsl:template>

  <xsl:template match="db:author" mode="plain">
    <xsl:apply-templates select="db:personname|db:orgname" mode="plain"/>
  </xsl:template>

  <xsl:template match="db:orgname" mode="plain">
    <xsl:value-of select="."/>
  </xsl:template>
</xsl:stylesheet>
