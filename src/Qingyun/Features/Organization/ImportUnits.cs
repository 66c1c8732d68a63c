using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Organization;

/// <summary>
/// Imports a tree from the Excel template: one row per unit, parent by code (an existing unit the caller
/// manages, or another row of the same file, in any order). All or nothing: any bad row and nothing is
/// written; the report names each row, field and rule.
/// </summary>
public static class ImportUnits
{
    public const string ParentCodeHeader = "上级组织代码";
    public const string CodeHeader = "组织代码";
    public const string NameHeader = "组织名称";
    public const string KindHeader = "组织类别";
    public const string BodyHeader = "团组织类型";
    public const int MaxRows = 100_000;

    /// <summary>A problem at a row, under the column of the failure's field.</summary>
    private static RowFailure At(int row, Failure failure) => new(row, HeaderOfField.GetValueOrDefault(failure.Field, ""), failure);

    public sealed record Outcome(int Created, IReadOnlyList<RowFailure> Failures) : ImportOutcome(Failures)
    {
        /// <summary>The rows as read, kept when the file is refused so the report can show them again.</summary>
        internal IReadOnlyList<Row> Rows { get; init; } = [];

        public override IEnumerable<KeyValuePair<string, int>> Counts() => [new("created", Created)];
    }

    /// <summary>The unit import as a background job, for its page.</summary>
    public static readonly ImportKind Job = new("units", "组织导入问题报告.xlsx", async (services, file, progress, ct) =>
    {
        var outcome = await services.GetRequiredService<Handler>().Handle(file, progress, ct);
        var report = outcome.Ok ? null : Report(outcome, services.GetRequiredService<IStringLocalizer<SharedResource>>());
        return (outcome with { Rows = [] }, report);
    });

    /// <summary>The template's columns, in order: the report repeats them.</summary>
    public static readonly IReadOnlyList<string> Headers = [ParentCodeHeader, CodeHeader, NameHeader, KindHeader, BodyHeader];

    private static readonly Dictionary<string, string> HeaderOfField = new()
    {
        ["ParentCode"] = ParentCodeHeader, ["Code"] = CodeHeader, ["Name"] = NameHeader, ["Kind"] = KindHeader, ["BodyType"] = BodyHeader,
    };

    /// <summary>The report: the uploaded rows with each bad cell filled, and the list of problems (<see cref="ExcelReport"/>).</summary>
    public static byte[] Report(Outcome outcome, IStringLocalizer<SharedResource> t) =>
        ExcelReport.Write("组织", Headers,
            outcome.Rows.Select(r => (r.Number, (IReadOnlyList<string?>)[r.ParentCode, r.Code, r.Name, r.KindText, r.BodyText])),
            [.. outcome.Failures.Select(f => new CellProblem(f.Row, f.Column, t.Describe(f.Failure)))]);

    internal sealed record Row(int Number, string ParentCode, string Code, string Name, string KindText, string BodyText);

    public static readonly IReadOnlyDictionary<string, UnitKind> KindNames = new Dictionary<string, UnitKind>
    {
        ["省"] = UnitKind.Province, ["市"] = UnitKind.City, ["区县"] = UnitKind.District, ["街道乡镇"] = UnitKind.Street,
        ["社区"] = UnitKind.Community, ["村"] = UnitKind.Village, ["机关"] = UnitKind.Organ, ["学校"] = UnitKind.School,
        ["国有企业"] = UnitKind.PublicEnterprise, ["非公企业"] = UnitKind.NonPublicEnterprise,
        ["社会组织"] = UnitKind.SocialOrganization, ["青年汇"] = UnitKind.Hub,
    };

    public static readonly IReadOnlyDictionary<string, LeagueBodyType> BodyNames = new Dictionary<string, LeagueBodyType>
    {
        ["团委"] = LeagueBodyType.Committee, ["团工委"] = LeagueBodyType.WorkingCommittee,
        ["社区综合团委"] = LeagueBodyType.CommunityCommittee, ["团总支"] = LeagueBodyType.GeneralBranch,
        ["团支部"] = LeagueBodyType.Branch, ["临时团支部"] = LeagueBodyType.TemporaryBranch,
    };

    /// <summary>The template: headers and two example rows under the caller's own unit code.</summary>
    public static byte[] Template(string parentCode)
    {
        var rows = new[]
        {
            new Dictionary<string, object> { [ParentCodeHeader] = parentCode, [CodeHeader] = "JD01", [NameHeader] = "示例街道团工委", [KindHeader] = "街道乡镇", [BodyHeader] = "团工委" },
            new Dictionary<string, object> { [ParentCodeHeader] = "JD01", [CodeHeader] = "JD01-SQ01", [NameHeader] = "示例社区团支部", [KindHeader] = "社区", [BodyHeader] = "团支部" },
        };
        // The first sheet (the one imported) holds only the headers; the examples sit on their own sheet
        // so that uploading the template untouched cannot create them.
        var blank = new[] { rows[0].ToDictionary(kv => kv.Key, _ => (object)"") };
        var sheets = new Dictionary<string, object> { ["组织"] = blank, ["填写示例"] = rows };
        using var ms = new MemoryStream();
        ms.SaveAs(sheets);
        return ms.ToArray();
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock, AuditLog audit)
    {
        public Task<Outcome> Handle(Stream xlsx, CancellationToken ct) => Handle(xlsx, new ImportProgress(), ct);

        public async Task<Outcome> Handle(Stream xlsx, ImportProgress progress, CancellationToken ct)
        {
            progress.Enter(ImportPhase.Reading);
            // Over the limit is refused from the sheet's structure alone, before any cell is parsed.
            var sheetRows = ExcelCells.RowsUpTo(xlsx, MaxRows + 1);
            if (sheetRows is null)
            {
                return new Outcome(0, [At(0, new Failure("File", "NotExcel"))]);
            }
            if (sheetRows > MaxRows + 1)
            {
                return new Outcome(0, [At(0, new Failure("File", "TooManyRows", 400, MaxRows))]);
            }
            progress.SetTotal(Math.Max(0, sheetRows.Value - 1));
            List<Row> rows;
            try
            {
                var missing = ExcelCells.MissingHeaders(xlsx, [ParentCodeHeader, CodeHeader, NameHeader, KindHeader, BodyHeader]);
                if (missing.Count > 0)
                {
                    return new Outcome(0, [At(1, new Failure("File", "MissingColumns", 400, string.Join("、", missing)))]);
                }
                rows = Read(xlsx);
            }
            catch (Exception)
            {
                return new Outcome(0, [At(0, new Failure("File", "NotExcel"))]);
            }
            if (rows.Count == 0)
            {
                return new Outcome(0, [At(0, new Failure("File", "EmptyFile"))]);
            }
            if (rows.Count > MaxRows)
            {
                return new Outcome(0, [At(0, new Failure("File", "TooManyRows", 400, MaxRows))]);
            }

            progress.Enter(ImportPhase.Checking);
            progress.SetTotal(rows.Count);
            progress.SetChecked(rows.Count);
            var failures = new List<RowFailure>();
            var byCode = new Dictionary<string, Row>(StringComparer.Ordinal);
            foreach (var r in rows)
            {
                var rowFailures = UnitInput.CheckCode(r.Code).Concat(UnitInput.CheckName(r.Name)).ToList();
                if (!KindNames.ContainsKey(r.KindText))
                {
                    rowFailures.Add(new Failure("Kind", "UnknownName", 400, r.KindText));
                }
                if (!BodyNames.ContainsKey(r.BodyText))
                {
                    rowFailures.Add(new Failure("BodyType", "UnknownName", 400, r.BodyText));
                }
                if (r.Code.Length > 0 && !byCode.TryAdd(r.Code, r))
                {
                    rowFailures.Add(new Failure("Code", "DuplicateInFile", 400, r.Code, byCode[r.Code].Number));
                }
                if (r.ParentCode.Length == 0)
                {
                    rowFailures.Add(Failure.Required("ParentCode"));
                }
                failures.AddRange(rowFailures.Select(f => At(r.Number, f)));
            }

            var codes = byCode.Keys.ToList();
            var taken = await db.OrgUnits.IgnoreQueryFilters().Where(u => codes.Contains(u.Code)).Select(u => u.Code).ToListAsync(ct);
            failures.AddRange(taken.Select(c => At(byCode[c].Number, new Failure("Code", "DuplicateCode", 409, c))));

            var outsideCodes = rows.Select(r => r.ParentCode).Where(c => c.Length > 0 && !byCode.ContainsKey(c)).Distinct().ToList();
            var existingParents = await db.OrgUnits.Where(u => outsideCodes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, ct);
            foreach (var r in rows.Where(r => r.ParentCode.Length > 0 && !byCode.ContainsKey(r.ParentCode)))
            {
                if (!existingParents.TryGetValue(r.ParentCode, out var p))
                {
                    failures.Add(At(r.Number, new Failure("ParentCode", "ParentCodeUnknown", 400, r.ParentCode)));
                }
                else if (!db.Scope.Covers(p.Path, Permission.UnitsManage))
                {
                    failures.Add(At(r.Number, new Failure("ParentCode", "Forbidden", 403)));
                }
                else if (p.IsClosed)
                {
                    failures.Add(At(r.Number, new Failure("ParentCode", "ParentClosed", 409)));
                }
            }
            if (failures.Count > 0)
            {
                return new Outcome(0, failures.OrderBy(f => f.Row).ToList()) { Rows = rows };
            }

            // Place rows parent-first; a cycle inside the file never reaches an existing unit.
            var placed = new Dictionary<string, OrgUnit>(StringComparer.Ordinal);
            var now = clock.GetUtcNow();
            var sortBase = new Dictionary<Guid, int>();
            bool advanced;
            do
            {
                advanced = false;
                foreach (var r in rows.Where(r => !placed.ContainsKey(r.Code)))
                {
                    var parent = placed.GetValueOrDefault(r.ParentCode) ?? existingParents.GetValueOrDefault(r.ParentCode);
                    if (parent is null)
                    {
                        continue;
                    }
                    if (!sortBase.TryGetValue(parent.Id, out var sort))
                    {
                        var pid = parent.Id;
                        sort = await db.OrgUnits.IgnoreQueryFilters().Where(u => u.ParentId == pid).MaxAsync(u => (int?)u.SortOrder, ct) ?? 0;
                    }
                    sortBase[parent.Id] = ++sort;
                    var id = Guid.CreateVersion7();
                    placed[r.Code] = new OrgUnit
                    {
                        Id = id, ParentId = parent.Id, Code = r.Code, Name = r.Name,
                        Kind = KindNames[r.KindText], BodyType = BodyNames[r.BodyText],
                        Path = OrgUnit.PathFor(parent, id), Depth = parent.Depth + 1, RootId = parent.RootId,
                        SortOrder = sort, CreatedAt = now,
                    };
                    advanced = true;
                }
            }
            while (advanced && placed.Count < rows.Count);

            if (placed.Count < rows.Count)
            {
                return new Outcome(0, rows.Where(r => !placed.ContainsKey(r.Code))
                    .Select(r => At(r.Number, new Failure("ParentCode", "ParentCycle", 400, r.ParentCode))).ToList()) { Rows = rows };
            }

            progress.Enter(ImportPhase.Writing);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var oneAuditLine = db.Scope.AuditAsOneLine();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var u in placed.Values)
            {
                db.OrgUnits.Add(u);
                db.OrgUnitEvents.Add(UnitHistory.Event(db.Scope, u.Id, OrgUnitEventKind.Imported, null, $"{u.Code} {u.Name}", now));
            }
            await db.SaveChangesAsync(ct);
            oneAuditLine.Dispose();
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            await audit.RecordAsync(AuditAction.Import, nameof(OrgUnit), null, existingParents.Values.FirstOrDefault()?.Id,
                changes: $"{{\"rows\":{placed.Count},\"codes\":\"{string.Join(",", placed.Keys.Take(20))}\"}}", ct: ct);
            await tx.CommitAsync(ct);
            return new Outcome(placed.Count, []);
        }

        private static List<Row> Read(Stream xlsx)
        {
            var result = new List<Row>();
            var number = 1;
            foreach (IDictionary<string, object?> row in xlsx.Query(useHeaderRow: true))
            {
                number++;
                string Cell(string header) => row.TryGetValue(header, out var v) ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? "" : "";
                var r = new Row(number, Cell(ParentCodeHeader).ToUpperInvariant(), Cell(CodeHeader).ToUpperInvariant(), Cell(NameHeader), Cell(KindHeader), Cell(BodyHeader));
                if (r is { ParentCode: "", Code: "", Name: "", KindText: "", BodyText: "" })
                {
                    continue;
                }
                result.Add(r);
                if (result.Count > MaxRows)
                {
                    break;
                }
            }
            return result;
        }
    }
}
