<?xml version="1.0" encoding="UTF-8"?>
<!-- names.xsl - people, organisations and affiliations as plain text (mode
     "plain"), as bylines and the EPUB package print them. Included by common.xsl;
     imported alone by epub-package.xsl, which needs nothing else of it. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:db="http://docbook.org/ns/docbook">

  <!-- "Firstname Surname" from a structured personname; one written whole, as it is. -->
  <xsl:template match="db:personname[not(*)]" mode="plain">
    <xsl:value-of select="normalize-space(.)"/>
  </xsl:template>
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

  <xsl:template match="db:author | db:editor" mode="plain">
    <xsl:apply-templates select="db:personname|db:orgname" mode="plain"/>
  </xsl:template>

  <xsl:template match="db:orgname" mode="plain">
    <xsl:value-of select="."/>
  </xsl:template>
</xsl:stylesheet>
