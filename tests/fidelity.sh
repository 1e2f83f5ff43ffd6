#!/usr/bin/env bash
# fidelity.sh ARTICLE.txt BRIEF.xml
#
# Checks that a DocBook encoding of an article keeps the article's text.
#
#  1. The article text (minus its last line, which is website boilerplate) is
#     cut into sentences: footnote markers "[n]" are removed from the body
#     (each marker also ends a fragment, since the note's text sits there in
#     the XML), the "[n]" labels (plus one following space) are removed from
#     the notes list, leading list bullets are dropped, and every line is split
#     after . ? ! ” » followed by whitespace.  Whitespace runs (space, tab,
#     CR, LF; NOT no-break space, which is article text) fold to one space.
#  2. The XML's text content (string(/*)) is folded the same way.
#  3. Every sentence of 1 (3 characters or more, byline lines excluded) must
#     occur verbatim in 2.  Each marker must also sit right where its note's
#     text is: "text before marker" + "note text" + "text after marker" must
#     occur verbatim in 2 (no added or lost space around the footnote).
#  4. The XML must hold exactly 19 DocBook footnote elements whose xml:id
#     values are fn1..fn19 in document order.
#
# Exit status: 0 when every check holds, 1 otherwise.
# Needs only bash, coreutils, perl (core modules) and xmllint.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 ARTICLE.txt BRIEF.xml" >&2
  exit 1
fi
article=$1
xml=$2
for f in "$article" "$xml"; do
  if [[ ! -r $f ]]; then
    echo "fidelity: cannot read $f" >&2
    exit 1
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! xmllint --noout "$xml" 2>"$tmp/err"; then
  cat "$tmp/err" >&2
  echo "fidelity: $xml is not well-formed XML"
  exit 1
fi

DB='http://docbook.org/ns/docbook'
XMLNS='http://www.w3.org/XML/1998/namespace'
FN="//*[local-name()='footnote' and namespace-uri()='$DB']"

xmllint --xpath 'string(/*)' "$xml" >"$tmp/text"
xmllint --xpath "count($FN)" "$xml" >"$tmp/count"
# One " xml:id=\"...\"" per footnote that has an id, in document order.
# (An empty node-set makes xmllint exit non-zero; that is not an error here.)
xmllint --xpath "$FN/@*[local-name()='id' and namespace-uri()='$XMLNS']" \
  "$xml" >"$tmp/ids" 2>/dev/null || true

status=0
perl - "$article" "$tmp/text" "$tmp/count" "$tmp/ids" <<'PERL' || status=$?
use strict;
use warnings;
use utf8;

binmode STDOUT, ':encoding(UTF-8)';
binmode STDERR, ':encoding(UTF-8)';

my ($article, $textfile, $countfile, $idsfile) = @ARGV;

sub slurp {
    my ($f) = @_;
    open my $fh, '<:encoding(UTF-8)', $f or die "fidelity: cannot read $f: $!\n";
    local $/;
    my $s = <$fh>;
    close $fh;
    return defined $s ? $s : '';
}

# Fold XML-style whitespace only; U+00A0 and friends are article characters.
sub fold {
    my ($s) = @_;
    $s =~ s/[ \t\r\n\f]+/ /g;
    $s =~ s/^ //;
    $s =~ s/ $//;
    return $s;
}

sub sentences {
    my ($s) = @_;
    return grep { length } map { fold($_) } split /(?<=[.?!”»])[ \t\r\n\f]+/, $s;
}

# ---- 1. the article ---------------------------------------------------------
my @lines = split /\r?\n/, slurp($article), -1;
pop @lines while @lines && $lines[-1] =~ /^[ \t\r]*$/;   # trailing blank lines
pop @lines;                                             # website boilerplate

# The notes list starts at the first line labelled "[1]"; the byline is the
# last two non-blank lines before it.
my $notes_at = scalar @lines;
for my $i (0 .. $#lines) {
    if ($lines[$i] =~ /^\[1\]/) { $notes_at = $i; last; }
}
my %skip;
{
    my $found = 0;
    for (my $i = $notes_at - 1; $i >= 0 && $found < 2; $i--) {
        next if $lines[$i] =~ /^[ \t]*$/;
        $skip{$i} = 1;
        $found++;
    }
}

my @sentences;      # everything that must occur verbatim
my %note;           # n => folded note text
my @markers;        # [n, text before, text after]

for my $i ($notes_at .. $#lines) {
    my $l = $lines[$i];
    next if $l =~ /^[ \t]*$/;
    if ($l =~ s/^\[(\d+)\] ?//) {
        $note{$1} = fold($l);
    }
    push @sentences, sentences($l);
}

for my $i (0 .. $notes_at - 1) {
    next if $skip{$i};
    my $l = $lines[$i];
    next if $l =~ /^[ \t]*$/;
    $l =~ s/^[ \t]*[•◦▪‣][ \t]+//;                      # list bullet
    my @parts = split /\[(\d+)\]/, $l, -1;            # text, n, text, n, ...
    for (my $p = 0; $p < @parts; $p += 2) {
        push @sentences, sentences($parts[$p]);
    }
    for (my $p = 1; $p < @parts; $p += 2) {
        my @before = sentences($parts[$p - 1]);
        my $before = @before ? $before[-1] : '';
        $before .= ' ' if $parts[$p - 1] =~ /[ \t]$/ && $before ne '';
        my $after = $parts[$p + 1];
        my $lead  = $after =~ /^[ \t]/ ? ' ' : '';
        my @after = sentences($after);
        $after = @after ? $lead . $after[0] : '';
        push @markers, [$parts[$p], $before, $after];
    }
}

# ---- 2. the XML text --------------------------------------------------------
my $text = fold(slurp($textfile));

# ---- 3. sentences and footnote placement ------------------------------------
my ($checked, $missing) = (0, 0);
for my $s (@sentences) {
    next if length($s) < 3;
    $checked++;
    if (index($text, $s) < 0) {
        $missing++;
        print "missing: $s\n";
    }
}

my $misplaced = 0;
for my $m (@markers) {
    my ($n, $before, $after) = @$m;
    if (!defined $note{$n}) {
        $misplaced++;
        print "misplaced: [$n] has no note text in the notes list\n";
        next;
    }
    my $want = $before . $note{$n} . $after;
    if (index($text, $want) < 0) {
        $misplaced++;
        print "misplaced: [$n] expected: $want\n";
    }
}

# ---- 4. footnote count and ids ----------------------------------------------
my $count = fold(slurp($countfile));
my @ids   = slurp($idsfile) =~ /\bxml:id\s*=\s*"([^"]*)"/g;
my $idsok = 1;
if ($count ne '19') {
    $idsok = 0;
    print "footnotes: expected 19 footnote elements, found $count\n";
}
my $want_ids = join ' ', map { "fn$_" } 1 .. 19;
my $got_ids  = join ' ', @ids;
if ($got_ids ne $want_ids) {
    $idsok = 0;
    print "footnotes: ids in document order are '$got_ids', expected fn1..fn19\n";
}
printf "footnotes: %s elements, %d placements checked, %d misplaced\n",
    $count, scalar @markers, $misplaced;

print "fidelity: $checked sentences checked, $missing missing\n";
exit(($missing == 0 && $misplaced == 0 && $idsok) ? 0 : 1);
PERL

exit $(( status == 0 ? 0 : 1 ))
