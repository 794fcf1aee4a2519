#!/usr/bin/perl
# Doxygen INPUT_FILTER (docs/api/Doxyfile): prints a header with its plain
# comments turned into documentation comments. Perl, since Doxygen starts the
# filter once per header and perl starts in a few milliseconds.
#
# The headers follow the house style: `//` comments that say why. Doxygen reads
# only `///`, so this filter writes the header given as its argument to stdout with
#   - a `//` comment line after the file's first `#include` or `namespace`
#     turned into `///` (the opening comment describes the file, not the
#     declaration after it, and stays as it is);
#   - a `//` comment after a declaration on the same line (`int code = 0;  // ...`)
#     turned into `///<`;
#   - in those comments, `@`, `\`, a `<word>` that does not follow a name, and
#     `::name` escaped outside backticks, since Doxygen would read them as
#     commands, HTML tags or links.
# Lines are never added or removed, so Doxygen's line numbers stay right.
# A line `// \cond` or `// \endcond` is kept as it is.
use strict;
use warnings;

sub escape {
    my @pieces = split /`/, $_[0], -1;
    for (my $i = 0; $i < @pieces; $i += 2) {    # outside backticks only
        $pieces[$i] =~ s/([\\@])/\\$1/g;
        $pieces[$i] =~ s/(?<![\w>])<(\/?\w+)>/\\<$1\\>/g;    # `no <ostream> here`, not `vector<T>`
        $pieces[$i] =~ s/(?<![\w>)])::(?=\w)/\\::/g;          # a bare `::name` is a link request
    }
    return join '`', @pieces;
}

my $in_code = 0;
while (my $line = <>) {
    $in_code = 1 if !$in_code && $line =~ /^\s*(#include|namespace)/;
    if (!$in_code || $line =~ /^\s*\/\/\s*\\(end)?cond\b/) {
        print $line;
    } elsif ($line =~ /^(\s*)\/\/(?!\/)( ?)(.*)$/) {
        print "$1///$2", escape($3), "\n";
    } elsif ($line =~ /^(.*?[;{,])(\s+)\/\/(?!\/) ?(.*)$/ && $1 !~ /["']/) {
        print "$1$2///< ", escape($3), "\n";
    } else {
        print $line;
    }
}
