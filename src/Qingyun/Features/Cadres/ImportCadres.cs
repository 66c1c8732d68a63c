using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Cadres;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Features.People;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Cadres;

/// <summary>
/// A district's cadre teams from one Excel file (the yearly re-confirmation of every community's team).
/// Every row is checked — ID checksum, phone, dates, unit codes, posts, duplicates in the file and against
/// the terms in office — and the file is written whole or not at all, with a report naming row, column and rule.
/// </summary>
public static class ImportCadres
{
    public const string NameHeader = "姓名";
    public const string IdNumberHeader = "身份证号";
    public const string PhoneHeader = "手机号";
    public const string UnitCodeHeader = "组织代码";
    public const string PostHeader = "职务";
    public const string KindHeader = "任职类型";
    public const string StartHeader = "任职日期";
    public const string PlannedEndHeader = "计划届满日期";
    public const int MaxRows = 20_000;

    private static readonly Dictionary<string, string> HeaderOfField = new()
    {
        ["Name"] = NameHeader, ["IdNumber"] = IdNumberHeader, ["Phone"] = PhoneHeader, ["OrgUnitCode"] = UnitCodeHeader,
        ["Post"] = PostHeader, ["CadreKind"] = KindHeader, ["StartedOn"] = StartHeader, ["PlannedEndOn"] = PlannedEndHeader, ["File"] = "",
    };

    /// <summary>A problem at a row, under the column of the failure's field.</summary>
    private static RowFailure At(int row, Failure failure) => new(row, HeaderOfField.GetValueOrDefault(failure.Field, ""), failure);

    /// <summary><paramref name="Terms"/>: terms in office started; <paramref name="NewPeople"/>: people the file registered.</summary>
    public sealed record Outcome(int Terms, int NewPeople, IReadOnlyList<RowFailure> Failures) : ImportOutcome(Failures)
    {
        /// <summary>The rows as read, kept when the file is refused so the report can show them again.</summary>
        internal IReadOnlyList<Row> Rows { get; init; } = [];

        public override IEnumerable<KeyValuePair<string, int>> Counts() => [new("terms", Terms), new("newPeople", NewPeople)];
    }

    /// <summary>The cadre import as a background job, for its page and its API.</summary>
    public static readonly ImportKind Job = new("cadres", "团干部导入问题报告.xlsx", async (services, file, progress, ct) =>
    {
        var outcome = await services.GetRequiredService<Handler>().Handle(file, progress, ct);
        var report = outcome.Ok ? null : Report(outcome, services.GetRequiredService<IStringLocalizer<SharedResource>>());
        return (outcome with { Rows = [] }, report);
    });

    /// <summary>The template's columns, in order: the report repeats them.</summary>
    public static readonly IReadOnlyList<string> Headers = [NameHeader, IdNumberHeader, PhoneHeader, UnitCodeHeader, PostHeader, KindHeader, StartHeader, PlannedEndHeader];

    public static byte[] Template(string unitCode)
    {
        var example = new Dictionary<string, object>
        {
            [NameHeader] = "李青", [IdNumberHeader] = "110105199203150025", [PhoneHeader] = "13800000002", [UnitCodeHeader] = unitCode,
            [PostHeader] = "书记", [KindHeader] = "兼职", [StartHeader] = "2024-06-01", [PlannedEndHeader] = "2029-05-31",
        };
        var blank = Headers.ToDictionary(h => h, _ => (object)"");
        var choices = new[]
        {
            new Dictionary<string, object> { ["列"] = PostHeader, ["可选值"] = string.Join("、", CadreInput.PostNames.Keys) },
            new Dictionary<string, object> { ["列"] = KindHeader, ["可选值"] = "专职、兼职、挂职、编外" },
            new Dictionary<string, object> { ["列"] = StartHeader, ["可选值"] = "2024-06-01、2024/6/1、20240601" },
        };
        var sheets = new Dictionary<string, object> { ["团干部"] = new[] { blank }, ["填写示例"] = new[] { example }, ["可选值"] = choices };
        using var ms = new MemoryStream();
        ms.SaveAs(sheets);
        return ms.ToArray();
    }

    /// <summary>The report: the uploaded rows with each bad cell filled, and the list of problems (<see cref="ExcelReport"/>).</summary>
    public static byte[] Report(Outcome outcome, IStringLocalizer<SharedResource> t) =>
        ExcelReport.Write("团干部", Headers,
            outcome.Rows.Select(r => (r.Number, (IReadOnlyList<string?>)[r.Name, r.IdNumber, r.Phone, r.UnitCode, r.PostText, r.KindText, r.StartText, r.PlannedEndText])),
            [.. outcome.Failures.Select(f => new CellProblem(f.Row, f.Column, t.Describe(f.Failure)))]);

    /// <summary>A row as read: the dates parsed (<see cref="DateOnly.MinValue"/> when unreadable) and as the report shows them.</summary>
    internal sealed record Row(int Number, string Name, string IdNumber, string Phone, string UnitCode, string PostText, string KindText,
        DateOnly? StartedOn, string StartText, DateOnly? PlannedEndOn, string PlannedEndText);

    private sealed record Parsed(IdNumber Id, string IdIndex, string? Phone, string? PhoneIndex, CadrePost Post, CadreKind Kind);

    public sealed class Handler(AppDbContext db, SensitiveData sensitive, TimeProvider clock, AuditLog audit)
    {
        public async Task<Outcome> Handle(Stream xlsx, ImportProgress progress, CancellationToken ct)
        {
            progress.Enter(ImportPhase.Reading);
            // Over the limit is refused from the sheet's structure alone, before any cell is parsed.
            var sheetRows = ExcelCells.RowsUpTo(xlsx, MaxRows + 1);
            if (sheetRows is null)
            {
                return Refused(0, new Failure("File", "NotExcel"));
            }
            if (sheetRows > MaxRows + 1)
            {
                return Refused(0, new Failure("File", "TooManyRows", 400, MaxRows));
            }
            progress.SetTotal(Math.Max(0, sheetRows.Value - 1));
            List<Row> rows;
            try
            {
                var missing = ExcelCells.MissingHeaders(xlsx, [NameHeader, IdNumberHeader, UnitCodeHeader, PostHeader, KindHeader, StartHeader]);
                if (missing.Count > 0)
                {
                    return Refused(1, new Failure("File", "MissingColumns", 400, string.Join("、", missing)));
                }
                rows = Read(xlsx, progress);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Refused(0, new Failure("File", "NotExcel"));
            }
            if (rows.Count == 0)
            {
                return Refused(0, new Failure("File", "EmptyFile"));
            }
            if (rows.Count > MaxRows)
            {
                return Refused(0, new Failure("File", "TooManyRows", 400, MaxRows));
            }

            var now = clock.GetUtcNow();
            var today = now.ChinaDate();
            var failures = new List<RowFailure>();
            var parsed = new Dictionary<int, Parsed>();
            var seenTerm = new Dictionary<(string, string, CadrePost), int>();
            var seenSecretary = new Dictionary<string, int>(StringComparer.Ordinal);
            var seenName = new Dictionary<string, (string Name, int Row)>();
            var seenPhone = new Dictionary<string, (string Id, int Row)>();

            progress.Enter(ImportPhase.Checking);
            progress.SetTotal(rows.Count);
            progress.SetChecked(0);
            var checkedRows = 0;
            foreach (var r in rows)
            {
                progress.SetChecked(checkedRows++);
                void Fail(Failure f) => failures.Add(At(r.Number, f));
                if (r.Name.Length == 0)
                {
                    Fail(Failure.Required("Name") with { Label = "PersonName" });
                }
                else if (r.Name.Length > Person.NameMaxLength)
                {
                    Fail(Failure.TooLong("Name", Person.NameMaxLength) with { Label = "PersonName" });
                }
                else if (r.Name.Any(char.IsControl))
                {
                    Fail(new Failure("Name", "ControlCharacters") { Label = "PersonName" });
                }
                if (r.UnitCode.Length == 0)
                {
                    Fail(Failure.Required("OrgUnitCode"));
                }
                var postKnown = CadreInput.PostNames.TryGetValue(r.PostText, out var post);
                if (!postKnown)
                {
                    Fail(r.PostText.Length == 0 ? Failure.Required("Post") : new Failure("Post", "UnknownName", 400, r.PostText));
                }
                var kindKnown = CadreInput.KindNames.TryGetValue(r.KindText, out var kind);
                if (!kindKnown)
                {
                    Fail(r.KindText.Length == 0 ? Failure.Required("CadreKind") : new Failure("CadreKind", "UnknownName", 400, r.KindText));
                }
                if (r.StartedOn == DateOnly.MinValue)
                {
                    Fail(new Failure("StartedOn", "DateFormat"));
                }
                else if (r.PlannedEndOn == DateOnly.MinValue)
                {
                    Fail(new Failure("PlannedEndOn", "DateFormat"));
                }
                else
                {
                    foreach (var f in CadreInput.CheckDates(r.StartedOn, r.PlannedEndOn, today))
                    {
                        Fail(f);
                    }
                }
                if (postKnown && post == CadrePost.Secretary && r.UnitCode.Length > 0 && !seenSecretary.TryAdd(r.UnitCode, r.Number))
                {
                    Fail(new Failure("Post", "SecretaryTwiceInFile", 400, r.UnitCode, seenSecretary[r.UnitCode]));
                }
                string? phone = null;
                if (r.Phone.Length > 0)
                {
                    if (!Phone.TryNormalize(r.Phone, out var p))
                    {
                        Fail(new Failure("Phone", "PhonePattern"));
                    }
                    else
                    {
                        phone = p;
                    }
                }
                if (r.IdNumber.Length == 0)
                {
                    Fail(Failure.Required("IdNumber"));
                    continue;
                }
                if (!IdNumber.TryParse(r.IdNumber, today, out var id, out var rule))
                {
                    Fail(new Failure("IdNumber", rule));
                    continue;
                }
                // One person may hold several posts (rows), but is one person: same name, same phone.
                if (seenName.TryGetValue(id.Value, out var first))
                {
                    if (first.Name != r.Name)
                    {
                        Fail(new Failure("Name", "NameDiffersInFile", 400, first.Row) { Label = "PersonName" });
                    }
                }
                else
                {
                    seenName[id.Value] = (r.Name, r.Number);
                }
                if (phone is not null)
                {
                    if (seenPhone.TryGetValue(phone, out var owner) && owner.Id != id.Value)
                    {
                        Fail(new Failure("Phone", "DuplicateInFile", 400, Phone.Mask(phone), owner.Row));
                    }
                    else
                    {
                        seenPhone.TryAdd(phone, (id.Value, r.Number));
                    }
                }
                if (postKnown && r.UnitCode.Length > 0 && !seenTerm.TryAdd((id.Value, r.UnitCode, post), r.Number))
                {
                    Fail(new Failure("Post", "TermTwiceInFile", 400, seenTerm[(id.Value, r.UnitCode, post)]));
                }
                if (postKnown && kindKnown)
                {
                    parsed[r.Number] = new Parsed(id, sensitive.IdNumberIndex(id.Value), phone, phone is null ? null : sensitive.PhoneIndex(phone), post, kind);
                }
            }

            // Against the database, in chunks so a large file stays within parameter limits.
            var units = new Dictionary<string, OrgUnit>(StringComparer.Ordinal);
            foreach (var chunk in rows.Select(r => r.UnitCode).Where(c => c.Length > 0).Distinct().Chunk(1000))
            {
                foreach (var u in await db.OrgUnits.Where(u => chunk.Contains(u.Code)).ToListAsync(ct))
                {
                    units[u.Code] = u;
                }
            }
            foreach (var r in rows.Where(r => r.UnitCode.Length > 0))
            {
                if (!units.TryGetValue(r.UnitCode, out var u))
                {
                    failures.Add(At(r.Number, new Failure("OrgUnitCode", "UnitCodeUnknown", 400, r.UnitCode)));
                }
                else if (!db.Scope.Covers(u.Path, Permission.PeopleManage))
                {
                    failures.Add(At(r.Number, new Failure("OrgUnitCode", "Forbidden", 403)));
                }
                else if (u.IsClosed)
                {
                    failures.Add(At(r.Number, new Failure("OrgUnitCode", "UnitClosed", 409)));
                }
            }

            var existing = new Dictionary<string, (Guid Id, string Name, bool Visible)>();
            foreach (var chunk in parsed.Values.Select(p => p.IdIndex).Distinct().Chunk(1000))
            {
                var found = await db.People.IgnoreQueryFilters().Where(p => chunk.Contains(p.IdNumberIndex!))
                    .Select(p => new { p.Id, p.Name, p.IdNumberIndex }).ToListAsync(ct);
                var visible = (await db.People.Where(p => chunk.Contains(p.IdNumberIndex!)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
                foreach (var f in found)
                {
                    existing[f.IdNumberIndex!] = (f.Id, f.Name, visible.Contains(f.Id));
                }
            }
            var phonesTaken = new Dictionary<string, Guid>();
            foreach (var chunk in parsed.Values.Where(p => p.PhoneIndex is not null).Select(p => p.PhoneIndex!).Distinct().Chunk(1000))
            {
                foreach (var f in await db.People.IgnoreQueryFilters().Where(p => chunk.Contains(p.PhoneIndex!)).Select(p => new { p.Id, p.PhoneIndex }).ToListAsync(ct))
                {
                    phonesTaken[f.PhoneIndex!] = f.Id;
                }
            }
            // Terms in office in the file's units (all within the caller's scope, so the filter keeps them).
            var unitIds = units.Values.Select(u => u.Id).ToList();
            var open = new List<(Guid UnitId, Guid PersonId, CadrePost Post)>();
            foreach (var chunk in unitIds.Chunk(1000))
            {
                open.AddRange((await db.CadreTerms.Where(t => chunk.Contains(t.UnitId) && t.EndedOn == null)
                    .Select(t => new { t.UnitId, t.PersonId, t.Post }).ToListAsync(ct)).Select(t => (t.UnitId, t.PersonId, t.Post)));
            }
            var secretaries = open.Where(t => t.Post == CadrePost.Secretary).Select(t => t.UnitId).ToHashSet();
            var held = open.Select(t => (t.UnitId, t.PersonId, t.Post)).ToHashSet();
            foreach (var r in rows)
            {
                if (!parsed.TryGetValue(r.Number, out var p))
                {
                    continue;
                }
                void Fail(Failure f) => failures.Add(At(r.Number, f));
                units.TryGetValue(r.UnitCode, out var unit);
                if (existing.TryGetValue(p.IdIndex, out var e))
                {
                    if (!e.Visible)
                    {
                        Fail(new Failure("IdNumber", "PersonElsewhere", 409));
                        continue;
                    }
                    if (e.Name != r.Name)
                    {
                        Fail(new Failure("Name", "NameMismatch", 409) { Label = "PersonName" });
                    }
                    if (unit is not null && held.Contains((unit.Id, e.Id, p.Post)))
                    {
                        Fail(new Failure("Post", "AlreadyHoldsPost", 409));
                    }
                }
                else if (p.Id.BirthDate.AddYears(PersonInput.MinimumAge) > today)
                {
                    Fail(new Failure("IdNumber", "UnderFourteen", 400, PersonInput.MinimumAge));
                }
                if (p.PhoneIndex is not null && phonesTaken.TryGetValue(p.PhoneIndex, out var phoneOwner) && (e == default || e.Id != phoneOwner))
                {
                    Fail(new Failure("Phone", "DuplicatePhone", 409));
                }
                if (unit is not null && p.Post == CadrePost.Secretary && secretaries.Contains(unit.Id))
                {
                    Fail(new Failure("Post", "SecretaryTaken", 409));
                }
            }
            progress.SetChecked(rows.Count);
            if (failures.Count > 0)
            {
                return new Outcome(0, 0, failures.OrderBy(f => f.Row).ToList()) { Rows = rows };
            }

            var people = new Dictionary<string, Guid>();
            var newPeople = new List<Person>();
            var terms = new List<CadreTerm>(rows.Count);
            foreach (var r in rows)
            {
                var p = parsed[r.Number];
                var unit = units[r.UnitCode];
                if (!people.TryGetValue(p.IdIndex, out var personId))
                {
                    if (existing.TryGetValue(p.IdIndex, out var e))
                    {
                        personId = e.Id;
                    }
                    else
                    {
                        var person = new Person
                        {
                            UnitId = unit.Id, Name = r.Name, Gender = p.Id.Gender, BirthDate = p.Id.BirthDate, CreatedAt = now, UpdatedAt = now,
                        };
                        sensitive.Protect(person, p.Id.Value, p.Phone);
                        newPeople.Add(person);
                        personId = person.Id;
                    }
                    people[p.IdIndex] = personId;
                }
                terms.Add(new CadreTerm
                {
                    PersonId = personId, UnitId = unit.Id, Post = p.Post, Kind = p.Kind, StartedOn = r.StartedOn!.Value, PlannedEndOn = r.PlannedEndOn,
                    AppointNote = "Excel 导入", AppointedBy = db.Scope.UserName, CreatedAt = now, UpdatedAt = now,
                });
            }

            // Audited as one line, in the same transaction as the rows (decision 006).
            progress.Enter(ImportPhase.Writing);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            using (db.Scope.AuditAsOneLine())
            {
                db.People.AddRange(newPeople);
                db.CadreTerms.AddRange(terms);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    db.ChangeTracker.Clear();
                    return Refused(0, new Failure("File", "TermConflict", 409)) with { Rows = rows };
                }
            }
            await audit.RecordAsync(AuditAction.Import, nameof(CadreTerm), null, terms[0].UnitId,
                changes: $"{{\"rows\":{rows.Count},\"newPeople\":{newPeople.Count}}}", ct: ct);
            await tx.CommitAsync(ct);
            return new Outcome(terms.Count, newPeople.Count, []);
        }

        private static Outcome Refused(int row, Failure failure) => new(0, 0, [At(row, failure)]);

        private static List<Row> Read(Stream xlsx, ImportProgress progress)
        {
            var result = new List<Row>();
            var number = 1;
            foreach (IDictionary<string, object?> row in xlsx.Query(useHeaderRow: true))
            {
                number++;
                var startedOn = ExcelCells.Date(row, StartHeader);
                var plannedEndOn = ExcelCells.Date(row, PlannedEndHeader);
                var r = new Row(number, ExcelCells.Text(row, NameHeader), ExcelCells.Text(row, IdNumberHeader), ExcelCells.Text(row, PhoneHeader),
                    ExcelCells.Text(row, UnitCodeHeader), ExcelCells.Text(row, PostHeader), ExcelCells.Text(row, KindHeader),
                    startedOn, ExcelCells.DateText(row, StartHeader, startedOn), plannedEndOn, ExcelCells.DateText(row, PlannedEndHeader, plannedEndOn));
                if (r is { Name: "", IdNumber: "", UnitCode: "", PostText: "" })
                {
                    continue;
                }
                result.Add(r);
                if ((result.Count & 255) == 0)
                {
                    progress.SetChecked(result.Count);
                }
                if (result.Count > MaxRows)
                {
                    break;
                }
            }
            return result;
        }
    }
}
