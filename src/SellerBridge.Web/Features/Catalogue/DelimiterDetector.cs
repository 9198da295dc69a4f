namespace SellerBridge.Web.Features.Catalogue;

/// <summary>
/// Picks the delimiter from the header line alone: the candidate that splits it into the most
/// recognised column names, then into the most fields. Data rows are no help, since descriptions are
/// full of commas and semicolons.
/// </summary>
public static class DelimiterDetector
{
    private static readonly char[] _candidates = [',', '\t', ';'];

    public static char Detect(string sampleText)
    {
        var line = FirstNonBlankLine(sampleText);
        if (SeparatorHint(line) is { } hinted)
        {
            return hinted;
        }

        var best = ',';
        (int Recognised, int Fields) bestScore = (-1, -1);
        foreach (var candidate in _candidates)
        {
            var score = Score(line, candidate);
            if (score.Recognised > bestScore.Recognised || score.Recognised == bestScore.Recognised && score.Fields > bestScore.Fields)
            {
                best = candidate;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>
    /// The delimiter named by a <c>sep=;</c> line, which Excel writes and reads as an instruction and
    /// never shows as a row; null when the line is not one.
    /// </summary>
    public static char? SeparatorHint(ReadOnlySpan<char> line)
    {
        line = line.Trim(" \uFEFF");
        return line.Length == 5 && line.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) ? line[4] : null;
    }

    /// <summary>The first line with anything but whitespace on it; a quoted header cell may hold a line break.</summary>
    internal static ReadOnlySpan<char> FirstNonBlankLine(ReadOnlySpan<char> text)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\r' or '\n')
            {
                if (!text[start..i].IsWhiteSpace())
                {
                    return text[start..i];
                }

                start = i + 1;
            }
        }

        return text[start..];
    }

    private static (int Recognised, int Fields) Score(ReadOnlySpan<char> line, char delimiter)
    {
        var recognised = 0;
        var fields = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i < line.Length)
            {
                if (line[i] == '"')
                {
                    quoted = !quoted;
                }

                if (quoted || line[i] != delimiter)
                {
                    continue;
                }
            }

            fields++;
            var cell = line[start..i].Trim().Trim('"').ToString();
            if (CatalogueColumns.TryMatch(cell, out _))
            {
                recognised++;
            }

            start = i + 1;
        }

        return (recognised, fields);
    }
}
