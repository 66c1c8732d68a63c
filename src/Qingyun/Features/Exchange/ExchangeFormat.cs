using System.Globalization;
using System.Text;
using System.Text.Json;
using Qingyun.Domain.People;
using Qingyun.Domain.Volunteering;
using Qingyun.Infrastructure;

namespace Qingyun.Features.Exchange;

/// <summary>
/// One field of an exchanged dataset: its stable JSON name (English, never renamed) and its CSV header,
/// in the words of the national volunteer-information standard (志愿服务信息系统基本规范).
/// </summary>
public sealed record Column(string Key, string Header);

/// <summary>A coded value: the stable code in JSON, the standard's Chinese label in CSV.</summary>
public readonly record struct Code(string Value, string Label);

/// <summary>
/// The code tables of the exchange format. They are part of the data format, as the CSV headers are, so
/// they stay Chinese whatever language the reader's pages are in.
/// </summary>
public static class ExchangeCodes
{
    public static Code Of(Gender g) => new(g.ToString(), g == Gender.Male ? "男" : "女");

    public static Code Of(VolunteerStatus s) => new(s.ToString(), s switch
    {
        VolunteerStatus.Active => "正常",
        VolunteerStatus.Suspended => "暂停",
        _ => "注销",
    });

    public static Code Of(EntryKind k) => new(k.ToString(), k switch
    {
        EntryKind.Attendance => "签到签退",
        EntryKind.Manual => "手工补录",
        EntryKind.Reversal => "更正冲销",
        _ => "外部导入",
    });

    public static Code Of(ProjectState s) => new(s.ToString(), s switch
    {
        ProjectState.Draft => "草稿",
        ProjectState.Published => "已发布",
        _ => "已结束",
    });

    public static Code Of(Domain.Activities.ActivityState s) => new(s.ToString(), s switch
    {
        Domain.Activities.ActivityState.Draft => "草稿",
        Domain.Activities.ActivityState.Published => "已发布",
        _ => "已取消",
    });

    private static readonly Dictionary<Skill, string> SkillLabels = new()
    {
        [Skill.FirstAid] = "医疗急救", [Skill.Language] = "外语翻译", [Skill.Law] = "法律咨询", [Skill.Counselling] = "心理辅导",
        [Skill.Tutoring] = "教育辅导", [Skill.Arts] = "文艺表演", [Skill.Sports] = "体育健身", [Skill.Computing] = "信息技术",
        [Skill.Photography] = "摄影摄像", [Skill.Driving] = "驾驶", [Skill.SocialWork] = "社会工作",
    };

    private static readonly Dictionary<ServiceArea, string> AreaLabels = new()
    {
        [ServiceArea.Community] = "社区服务", [ServiceArea.Elderly] = "扶老助残", [ServiceArea.Children] = "关爱少年儿童",
        [ServiceArea.Environment] = "生态环保", [ServiceArea.Events] = "大型赛会", [ServiceArea.Emergency] = "应急救援",
        [ServiceArea.Civility] = "文明实践", [ServiceArea.Health] = "医疗卫生", [ServiceArea.Education] = "支教助学", [ServiceArea.Legal] = "法律服务",
    };

    public static Code[] Of(Skill skills) => SkillLabels.Where(kv => skills.HasFlag(kv.Key)).Select(kv => new Code(kv.Key.ToString(), kv.Value)).ToArray();

    public static Code[] Of(ServiceArea areas) => AreaLabels.Where(kv => areas.HasFlag(kv.Key)).Select(kv => new Code(kv.Key.ToString(), kv.Value)).ToArray();

    public static decimal Hours(long minutes) => Math.Round(minutes / 60m, 2);
}

/// <summary>
/// Writes rows as they stream from the database: nothing is held but the row being written, so a
/// million records cost no more memory than ten.
/// </summary>
public static class ExchangeWriter
{
    public const int FlushEvery = 500;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>UTF-8 with a byte-order mark (so Excel reads the Chinese), Chinese headers, RFC 4180 quoting, no formulas.</summary>
    public static async Task WriteCsvAsync(Stream output, IReadOnlyList<Column> columns, IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        await output.WriteAsync(Encoding.UTF8.GetPreamble(), ct);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(",", columns.Select(c => Quote(c.Header))));
        var n = 0;
        var line = new StringBuilder();
        await foreach (var row in rows.WithCancellation(ct))
        {
            line.Clear();
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }
                line.Append(CsvText(row[i]));
            }
            await writer.WriteLineAsync(line, ct);
            if (++n % FlushEvery == 0)
            {
                await writer.FlushAsync(ct);
            }
        }
        await writer.FlushAsync(ct);
    }

    /// <summary>{ dataset, standard, exportedAt, fields, items: [ { key: value, … } ] } with the stable English keys.</summary>
    public static async Task WriteJsonAsync(Stream output, string dataset, DateTimeOffset exportedAt, IReadOnlyList<Column> columns, IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        });
        json.WriteStartObject();
        json.WriteString("dataset", dataset);
        json.WriteString("standard", ExchangeDatasets.Standard);
        json.WriteString("exportedAt", exportedAt.ToUniversalTime());
        json.WriteStartObject("fields");
        foreach (var c in columns)
        {
            json.WriteString(c.Key, c.Header);
        }
        json.WriteEndObject();
        json.WriteStartArray("items");
        var n = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            json.WriteStartObject();
            for (var i = 0; i < row.Length; i++)
            {
                json.WritePropertyName(columns[i].Key);
                WriteJsonValue(json, row[i]);
            }
            json.WriteEndObject();
            if (++n % FlushEvery == 0)
            {
                await json.FlushAsync(ct);
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    private static void WriteJsonValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case decimal m: json.WriteNumberValue(m); break;
            case Guid g: json.WriteStringValue(g); break;
            case DateOnly d: json.WriteStringValue(d.ShowDate()); break;
            case DateTimeOffset t: json.WriteStringValue(t.ToUniversalTime()); break;
            case Code c: json.WriteStringValue(c.Value); break;
            case Code[] cs:
                json.WriteStartArray();
                foreach (var c in cs)
                {
                    json.WriteStringValue(c.Value);
                }
                json.WriteEndArray();
                break;
            default: json.WriteStringValue(Convert.ToString(value, Invariant)); break;
        }
    }

    private static string CsvText(object? value) => value switch
    {
        null => "",
        string s => Quote(ExcelCells.Safe(s) ?? ""),
        bool b => b ? "是" : "否",
        DateOnly d => d.ShowDate(),
        DateTimeOffset t => TimeZoneInfo.ConvertTime(t, Localization.ChinaTime).ToString("yyyy-MM-dd HH:mm:ss", Invariant),
        Code c => Quote(c.Label),
        Code[] cs => Quote(string.Join("、", cs.Select(c => c.Label))),
        Guid g => g.ToString(),
        IFormattable f => f.ToString(null, Invariant),
        _ => Quote(value.ToString() ?? ""),
    };

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
