using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Audit;
using Qingyun.Domain.People;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Exchange;

/// <summary>
/// Service records from another platform (CSV or JSON). Every record is checked first; one invalid
/// record and nothing is written, with every problem listed by record number. Then each record becomes
/// an Imported line of the volunteer's hours record through the ledger, keyed by (source platform,
/// external id): a record seen before is counted as already imported, never twice, so the same file
/// imported again adds nothing. Volunteers must already be registered in Qingyun.
/// </summary>
public static class ImportRecords
{
    public const int MaxRows = 50_000;
    public const int MaxBytes = 20_000_000;
    public const decimal MaxHours = 24;
    public const int EarliestYear = 1990;

    /// <summary>The import's fields: stable JSON name, CSV header (other accepted headers after it).</summary>
    public static readonly IReadOnlyList<(string Key, string[] Headers)> Fields =
    [
        ("source", ["来源平台"]),
        ("externalId", ["外部编号"]),
        ("volunteerNumber", ["志愿者编号"]),
        ("idNumber", ["身份证号", "公民身份号码"]),
        ("name", ["姓名"]),
        ("serviceDate", ["服务日期"]),
        ("hours", ["服务时长（小时）", "服务时长(小时)", "时长（小时）", "时长(小时)"]),
        ("content", ["服务内容", "内容"]),
        ("unitCode", ["组织单位代码", "记录单位代码"]),
    ];

    private static readonly string[] RequiredKeys = ["source", "externalId", "serviceDate", "hours", "content", "unitCode"];

    public sealed record RowFailure(int Row, Failure Failure);

    public sealed record Outcome(int Rows, int Added, int AlreadyImported, IReadOnlyList<RowFailure> Failures)
    {
        public bool Ok => Failures.Count == 0;

        public int Status => Ok ? 200 : Failures.Max(f => f.Failure.Status);
    }

    private sealed record Row(int Number, Dictionary<string, string?> Values)
    {
        public string Get(string key) => Values.GetValueOrDefault(key)?.Trim() ?? "";
    }

    private sealed record Valid(int Number, string Source, string ExternalId, Guid VolunteerId, Guid UnitId, DateOnly Date, int Minutes, string Content);

    /// <summary>An example file with the headers and one record, to fill in.</summary>
    public static byte[] Template(string unitCode)
    {
        var header = string.Join(",", Fields.Select(f => f.Headers[0]));
        var example = $"某志愿服务平台,A-000001,,110105199003070017,张三,2024-05-04,2.5,社区敬老服务,{unitCode}";
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(header + "\r\n" + example + "\r\n")];
    }

    public sealed class Handler(AppDbContext db, ServiceLedger ledger, SensitiveData sensitive, AuditLog audit, TimeProvider clock)
    {
        public async Task<Outcome> Handle(Stream file, string fileName, CancellationToken ct)
        {
            var (rows, fileFailure) = await ReadAsync(file, fileName, ct);
            if (fileFailure is not null)
            {
                return new Outcome(0, 0, 0, [new RowFailure(0, fileFailure)]);
            }
            var failures = new List<RowFailure>();
            var valid = await CheckAsync(rows!, failures, ct);
            if (failures.Count > 0)
            {
                return new Outcome(rows!.Count, 0, 0, failures);
            }
            return await WriteAsync(valid, fileName, ct);
        }

        private async Task<List<Valid>> CheckAsync(List<Row> rows, List<RowFailure> failures, CancellationToken ct)
        {
            var today = clock.GetUtcNow().ChinaDate();
            var numbers = rows.Select(r => r.Get("volunteerNumber")).Where(n => n.Length is > 0 and <= Volunteer.NumberLength).Distinct().ToList();
            var byNumber = await db.Volunteers.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(v => numbers.Contains(v.Number))
                .Select(v => new { v.Number, v.Id }).ToDictionaryAsync(v => v.Number, v => v.Id, ct);

            var indexOf = new Dictionary<int, string>();
            foreach (var r in rows.Where(r => r.Get("volunteerNumber").Length == 0 && r.Get("idNumber").Length > 0))
            {
                if (IdNumber.TryParse(r.Get("idNumber"), today, out var id, out _))
                {
                    indexOf[r.Number] = sensitive.IdNumberIndex(id.Value);
                }
            }
            var indexes = indexOf.Values.Distinct().ToList();
            var people = await (from p in db.People.IgnoreQueryFilters([AppDbContext.ScopeFilter])
                                join v in db.Volunteers.IgnoreQueryFilters([AppDbContext.ScopeFilter]) on p.Id equals v.PersonId into vs
                                from v in vs.DefaultIfEmpty()
                                where indexes.Contains(p.IdNumberIndex!)
                                select new { p.IdNumberIndex, p.Name, VolunteerId = (Guid?)v!.Id }).ToListAsync(ct);
            var byIndex = people.GroupBy(p => p.IdNumberIndex!).ToDictionary(g => g.Key, g => g.First());

            var codes = rows.Select(r => r.Get("unitCode")).Where(c => c.Length > 0).Distinct().ToList();
            var units = await db.OrgUnits.Where(u => codes.Contains(u.Code)).Select(u => new { u.Id, u.Code, u.Path }).ToDictionaryAsync(u => u.Code, ct);

            var seen = new Dictionary<(string, string), int>();
            var valid = new List<Valid>(rows.Count);
            foreach (var r in rows)
            {
                var before = failures.Count;
                void Fail(Failure f) => failures.Add(new RowFailure(r.Number, f));

                var source = Text(r.Get("source"), "Source", ServiceEntry.SourceMaxLength, Fail);
                var externalId = Text(r.Get("externalId"), "ExternalId", ServiceEntry.ExternalIdMaxLength, Fail);
                if (source is not null && externalId is not null)
                {
                    if (seen.TryGetValue((source, externalId), out var first))
                    {
                        Fail(new Failure("ExternalId", "DuplicateInFile", 400, externalId, first));
                    }
                    else
                    {
                        seen[(source, externalId)] = r.Number;
                    }
                }

                Guid? volunteerId = null;
                var number = r.Get("volunteerNumber");
                var idText = r.Get("idNumber");
                if (number.Length > 0)
                {
                    if (byNumber.TryGetValue(number, out var vid))
                    {
                        volunteerId = vid;
                    }
                    else
                    {
                        Fail(new Failure("VolunteerNumber", "VolunteerNotRegistered"));
                    }
                }
                else if (idText.Length > 0)
                {
                    var name = r.Get("name");
                    if (!IdNumber.TryParse(idText, today, out _, out var rule))
                    {
                        Fail(new Failure("IdNumber", rule));
                    }
                    else if (name.Length == 0)
                    {
                        Fail(Failure.Required("PersonName"));
                    }
                    else if (!byIndex.TryGetValue(indexOf[r.Number], out var person) || person.VolunteerId is null)
                    {
                        Fail(new Failure("IdNumber", "VolunteerNotRegistered"));
                    }
                    else if (person.Name != name)
                    {
                        Fail(new Failure("PersonName", "NameMismatch"));
                    }
                    else
                    {
                        volunteerId = person.VolunteerId;
                    }
                }
                else
                {
                    Fail(new Failure("VolunteerNumber", "VolunteerIdentityRequired"));
                }

                DateOnly? date = null;
                var dateText = r.Get("serviceDate");
                string[] formats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyyMMdd", "yyyy.M.d"];
                if (dateText.Length == 0)
                {
                    Fail(Failure.Required("ServiceDate"));
                }
                else if (!DateOnly.TryParseExact(dateText, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    Fail(new Failure("ServiceDate", "DateFormat"));
                }
                else if (d > today)
                {
                    Fail(new Failure("ServiceDate", "DateInFuture"));
                }
                else if (d.Year < EarliestYear)
                {
                    Fail(new Failure("ServiceDate", "DateTooEarly", 400, EarliestYear));
                }
                else
                {
                    date = d;
                }

                var minutes = 0;
                var hoursText = r.Get("hours");
                if (hoursText.Length == 0)
                {
                    Fail(Failure.Required("ServiceHours"));
                }
                else if (!decimal.TryParse(hoursText, NumberStyles.Number, CultureInfo.InvariantCulture, out var hours))
                {
                    Fail(new Failure("ServiceHours", "Unreadable"));
                }
                else if (hours <= 0 || hours > MaxHours || (minutes = (int)Math.Round(hours * 60, MidpointRounding.AwayFromZero)) == 0)
                {
                    Fail(new Failure("ServiceHours", "ImportHoursRange", 400, MaxHours));
                }

                var content = Text(r.Get("content"), "Content", ServiceEntry.ContentMaxLength, Fail);

                Guid? unitId = null;
                var code = r.Get("unitCode");
                if (code.Length == 0)
                {
                    Fail(Failure.Required("OrgUnitCode"));
                }
                else if (!units.TryGetValue(code, out var unit))
                {
                    // Unknown and outside the caller's sight read the same: the file learns nothing about other units.
                    Fail(new Failure("OrgUnitCode", "UnitCodeOutOfReach", 400, code));
                }
                else if (!db.Scope.Covers(unit.Path, Permission.ServiceManage))
                {
                    Fail(new Failure("OrgUnitCode", "UnitNotManaged", 403, code));
                }
                else
                {
                    unitId = unit.Id;
                }

                if (failures.Count == before)
                {
                    valid.Add(new Valid(r.Number, source!, externalId!, volunteerId!.Value, unitId!.Value, date!.Value, minutes, content!));
                }
            }
            return valid;
        }

        private async Task<Outcome> WriteAsync(List<Valid> rows, string fileName, CancellationToken ct)
        {
            // Records already here are counted, not sent to the database: the ledger's own duplicate check
            // is the backstop for a record arriving twice at the same moment.
            var sources = rows.Select(r => r.Source).Distinct().ToList();
            var ids = rows.Select(r => r.ExternalId).Distinct().ToList();
            var existing = (await db.ServiceEntries.IgnoreQueryFilters().AsNoTracking()
                    .Where(e => e.Source != null && sources.Contains(e.Source) && e.ExternalId != null && ids.Contains(e.ExternalId))
                    .Select(e => new { e.Source, e.ExternalId }).ToListAsync(ct))
                .Select(e => (e.Source!, e.ExternalId!)).ToHashSet();
            var added = 0;
            var already = 0;
            var now = clock.GetUtcNow();
            using (db.Scope.AuditAsOneLine())
            {
                foreach (var r in rows)
                {
                    if (existing.Contains((r.Source, r.ExternalId)))
                    {
                        already++;
                        continue;
                    }
                    var entry = new ServiceEntry
                    {
                        VolunteerId = r.VolunteerId, UnitId = r.UnitId, Kind = EntryKind.Imported, Minutes = r.Minutes, ServiceDate = r.Date,
                        Content = r.Content, RecordedBy = db.Scope.UserName ?? "", RecordedAt = now, Source = r.Source, ExternalId = r.ExternalId,
                    };
                    if (await ledger.AppendAsync(db, entry, ct))
                    {
                        added++;
                    }
                    else
                    {
                        already++;
                    }
                    db.ChangeTracker.Clear();
                }
                var units = rows.Select(r => r.UnitId).Distinct().ToList();
                await audit.RecordAsync(AuditAction.Import, nameof(ServiceEntry), null, units.Count == 1 ? units[0] : null,
                    changes: JsonSerializer.Serialize(new { file = Path.GetFileName(fileName), rows = rows.Count, added, alreadyImported = already, sources }), ct: ct);
            }
            return new Outcome(rows.Count, added, already, []);
        }

        private static string? Text(string value, string field, int max, Action<Failure> fail)
        {
            if (value.Length == 0)
            {
                fail(Failure.Required(field));
                return null;
            }
            if (value.Length > max)
            {
                fail(Failure.TooLong(field, max));
                return null;
            }
            if (value.Any(char.IsControl))
            {
                fail(new Failure(field, "ControlCharacters"));
                return null;
            }
            return value;
        }
    }

    /// <summary>The records of a CSV or JSON file (JSON when the name ends .json or the content starts with [ or {).</summary>
    private static async Task<(List<Row>? Rows, Failure? Failure)> ReadAsync(Stream file, string fileName, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBytes)
        {
            return (null, new Failure("File", "FileTooLarge", 400, MaxBytes / 1_000_000));
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return (null, new Failure("File", "NotUtf8"));
        }
        var start = text.TrimStart();
        var json = fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || start.StartsWith('[') || start.StartsWith('{');
        var (rows, failure) = json ? ReadJson(text) : ReadCsv(text);
        if (failure is not null)
        {
            return (null, failure);
        }
        if (rows!.Count == 0)
        {
            return (null, new Failure("File", "EmptyFile"));
        }
        return rows.Count > MaxRows ? (null, new Failure("File", "TooManyRows", 400, MaxRows)) : (rows, null);
    }

    private static (List<Row>?, Failure?) ReadJson(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var items = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement
                : doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("items", out var i) && i.ValueKind == JsonValueKind.Array ? i
                : (JsonElement?)null;
            if (items is null)
            {
                return (null, new Failure("File", "NotRecordFile"));
            }
            var rows = new List<Row>();
            foreach (var item in items.Value.EnumerateArray())
            {
                if (rows.Count > MaxRows)
                {
                    break;
                }
                if (item.ValueKind != JsonValueKind.Object)
                {
                    return (null, new Failure("File", "NotRecordFile"));
                }
                var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                foreach (var p in item.EnumerateObject())
                {
                    var key = KeyOf(p.Name);
                    if (key is not null)
                    {
                        values[key] = p.Value.ValueKind switch
                        {
                            JsonValueKind.String => p.Value.GetString(),
                            JsonValueKind.Number => p.Value.GetRawText(),
                            JsonValueKind.Null or JsonValueKind.Undefined => null,
                            _ => p.Value.GetRawText(),
                        };
                    }
                }
                rows.Add(new Row(rows.Count + 1, values));
            }
            return (rows, null);
        }
        catch (JsonException)
        {
            return (null, new Failure("File", "NotRecordFile"));
        }
    }

    private static (List<Row>?, Failure?) ReadCsv(string text)
    {
        var lines = CsvRecords(text).GetEnumerator();
        if (!lines.MoveNext())
        {
            return (null, new Failure("File", "EmptyFile"));
        }
        var keys = lines.Current.Select(h => KeyOf(h.Trim())).ToArray();
        var missing = RequiredKeys.Where(k => !keys.Contains(k)).ToList();
        if (!keys.Contains("volunteerNumber") && !(keys.Contains("idNumber") && keys.Contains("name")))
        {
            missing.Add("volunteerNumber");
        }
        if (missing.Count > 0)
        {
            var headers = string.Join("、", missing.Select(k => Fields.First(f => f.Key == k).Headers[0]));
            return (null, new Failure("File", "MissingColumns", 400, headers));
        }
        var rows = new List<Row>();
        while (lines.MoveNext() && rows.Count <= MaxRows)
        {
            var cells = lines.Current;
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            var values = new Dictionary<string, string?>();
            for (var i = 0; i < keys.Length && i < cells.Count; i++)
            {
                if (keys[i] is { } k)
                {
                    values[k] = cells[i];
                }
            }
            rows.Add(new Row(rows.Count + 1, values));
        }
        return (rows, null);
    }

    /// <summary>The field a header or JSON name stands for, or null for a column the import does not read.</summary>
    private static string? KeyOf(string name) =>
        Fields.FirstOrDefault(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase) || f.Headers.Contains(name)).Key;

    /// <summary>RFC 4180: commas, quoted fields with doubled quotes, line breaks inside quotes, CRLF or LF.</summary>
    private static IEnumerable<List<string>> CsvRecords(string text)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            any = true;
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                cells.Add(cell.ToString());
                cell.Clear();
                yield return cells;
                cells = [];
                any = false;
            }
            else
            {
                cell.Append(c);
            }
        }
        if (any)
        {
            cells.Add(cell.ToString());
            yield return cells;
        }
    }
}
