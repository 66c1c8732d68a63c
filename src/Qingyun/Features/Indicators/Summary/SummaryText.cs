using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Indicators;
using Qingyun.Domain.Organization;
using Qingyun.Resources;

namespace Qingyun.Features.Indicators.Summary;

/// <summary>
/// A piece of rendered summary text: plain prose, or a number filled from the figures (<see cref="Code"/> set), with
/// the indicator's name and the drill-down address of the records it counts; or a token that names no indicator.
/// </summary>
public sealed record SummaryRun(string Text, string? Code = null, string? Name = null, string? Source = null, bool Unknown = false)
{
    public bool IsNumber => Code is not null;
}

public sealed record RenderedSection(SummarySection Section, string Heading, string Prose, IReadOnlyList<SummaryRun> Runs);

/// <summary>A number a summary can link to: its token, its name and its value now (as the text would show it).</summary>
public sealed record SummaryNumber(string Code, string Token, string Name, string Value, string Source, SummarySection Section);

public sealed record RenderedSummary(Guid UnitId, string UnitName, int Year, string Title, IReadOnlyList<RenderedSection> Sections, IReadOnlyList<SummaryNumber> Numbers);

/// <summary>
/// Fills a summary's tokens from the figures of the unit's subtree for the year, the same cells the dashboard reads
/// (<see cref="FigureReader"/>), at the moment it is shown: <c>{{code}}</c> → the indicator's value as people read it
/// (hours with one decimal and "小时"; a stock figure of a past year the platform has no record of → "—"),
/// <c>{{unit}}</c>/<c>{{year}}</c> → the unit's name and the year; anything else stays visible as 【未知指标：x】.
/// </summary>
public sealed partial class SummaryText(FigureReader reader, IStringLocalizer<SharedResource> t)
{
    public const string Missing = "—";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    [GeneratedRegex(@"\{\{\s*([^{}]*?)\s*\}\}")]
    private static partial Regex Token();

    public static Dictionary<string, string> ReadSections(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static string WriteSections(IReadOnlyDictionary<string, string> sections) =>
        JsonSerializer.Serialize(SummaryTemplate.Sections.Where(s => sections.ContainsKey(s.ToString()))
            .ToDictionary(s => s.ToString(), s => sections[s.ToString()]), JsonOptions);

    public static string Title(OrgUnit unit, int year)
    {
        var title = $"{unit.Name}{year}年度工作总结";
        return title.Length <= WorkSummary.TitleMaxLength ? title : title[..WorkSummary.TitleMaxLength];
    }

    public static string SourceOf(Guid unitId, int year, string code) =>
        $"/figures/records?unit={unitId}&year={year.ToString(CultureInfo.InvariantCulture)}&code={Uri.EscapeDataString(code)}";

    /// <summary>A value as the text shows it.</summary>
    public static string Format(Indicator indicator, decimal? value)
    {
        if (value is not { } v)
        {
            return Missing;
        }
        return indicator.Measure == IndicatorMeasure.Minutes
            ? indicator.Display(v).ToString("0.0", CultureInfo.InvariantCulture) + "小时"
            : indicator.Display(v).ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>The indicator's name in the reader's language: the catalogue's resource, else the name a reported indicator was given.</summary>
    public string NameOf(Indicator indicator)
    {
        var s = t["Indicator." + indicator.Code];
        return s.ResourceNotFound ? indicator.Name ?? indicator.Code : s.Value;
    }

    /// <summary>The summary of <paramref name="unit"/> for <paramref name="year"/> with its numbers filled now.</summary>
    public async Task<RenderedSummary> RenderAsync(OrgUnit unit, int year, string title, IReadOnlyDictionary<string, string> sections, CancellationToken ct)
    {
        var catalogue = await reader.CatalogueForAsync(unit, ct, withRetired: true);
        // A document keeps its numbers: wait for a running recount rather than write down figures it is about to change.
        await reader.SettleAsync(ct);
        var figures = await reader.ReadAsync([unit.Id], year, ct);
        var byCode = catalogue.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var names = catalogue.ToDictionary(i => i.Code, NameOf, StringComparer.Ordinal);

        string ValueOf(Indicator i) => Format(i, figures.Value(unit.Id, i, year));

        var rendered = new List<RenderedSection>();
        foreach (var section in SummaryTemplate.Sections)
        {
            var prose = sections.GetValueOrDefault(section.ToString()) ?? "";
            rendered.Add(new RenderedSection(section, SummaryTemplate.Heading(section), prose, Runs(prose)));
        }

        List<SummaryRun> Runs(string prose)
        {
            var runs = new List<SummaryRun>();
            var at = 0;
            foreach (Match m in Token().Matches(prose))
            {
                if (m.Index > at)
                {
                    runs.Add(new SummaryRun(prose[at..m.Index]));
                }
                var code = m.Groups[1].Value;
                if (code == SummaryTemplate.UnitToken)
                {
                    runs.Add(new SummaryRun(unit.Name));
                }
                else if (code == SummaryTemplate.YearToken)
                {
                    runs.Add(new SummaryRun(year.ToString(CultureInfo.InvariantCulture)));
                }
                else if (byCode.TryGetValue(code, out var indicator))
                {
                    runs.Add(new SummaryRun(ValueOf(indicator), code, names[code], SourceOf(unit.Id, year, code)));
                }
                else
                {
                    runs.Add(new SummaryRun($"【未知指标：{code}】", Unknown: true));
                }
                at = m.Index + m.Length;
            }
            if (at < prose.Length)
            {
                runs.Add(new SummaryRun(prose[at..]));
            }
            return runs;
        }

        var numbers = catalogue.Select(i => new SummaryNumber(i.Code, "{{" + i.Code + "}}", names[i.Code], ValueOf(i), SourceOf(unit.Id, year, i.Code), i.Section))
            .ToList();
        return new RenderedSummary(unit.Id, unit.Name, year, title, rendered, numbers);
    }

    /// <summary>A section's runs split into paragraphs at the line breaks of the prose.</summary>
    public static IReadOnlyList<IReadOnlyList<SummaryRun>> Paragraphs(IReadOnlyList<SummaryRun> runs)
    {
        var paragraphs = new List<IReadOnlyList<SummaryRun>>();
        var current = new List<SummaryRun>();
        foreach (var run in runs)
        {
            if (run.IsNumber || run.Unknown)
            {
                current.Add(run);
                continue;
            }
            var pieces = run.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
            for (var i = 0; i < pieces.Length; i++)
            {
                if (i > 0)
                {
                    paragraphs.Add(current);
                    current = [];
                }
                if (pieces[i].Length > 0)
                {
                    current.Add(run with { Text = pieces[i] });
                }
            }
        }
        paragraphs.Add(current);
        return paragraphs.Where(p => p.Any(r => r.Text.Trim().Length > 0)).ToList();
    }
}
