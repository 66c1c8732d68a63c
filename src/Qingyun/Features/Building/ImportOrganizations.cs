using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Building;
using Qingyun.Domain.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Building;

/// <summary>
/// A street's or district's list of non-public enterprises and social organizations from one Excel file.
/// Every row is checked by the same rules as the form (credit code checksum, counts, young staff within
/// staff, status and date built) plus unit codes in scope and duplicates in the file and the database;
/// the file is written whole or not at all, and the report names each row, column and rule.
/// </summary>
public static class ImportOrganizations
{
    public const string NameHeader = "组织名称";
    public const string KindHeader = "组织类型";
    public const string CreditCodeHeader = "统一社会信用代码";
    public const string UnitCodeHeader = "所在组织代码";
    public const string AddressHeader = "地址";
    public const string ContactNameHeader = "联系人";
    public const string ContactPhoneHeader = "联系电话";
    public const string StaffHeader = "职工人数";
    public const string YoungStaffHeader = "青年职工人数";
    public const string PartyHeader = "是否建立党组织";
    public const string StatusHeader = "建团状态";
    public const string BuiltOnHeader = "建团日期";
    public const string LeagueUnitCodeHeader = "团组织代码";
    public const string MembersHeader = "新发展团员数";
    public const int MaxRows = 50_000;

    public static readonly IReadOnlyDictionary<string, NewOrganizationKind> KindNames = new Dictionary<string, NewOrganizationKind>
    {
        ["非公企业"] = NewOrganizationKind.NonPublicEnterprise, ["社会组织"] = NewOrganizationKind.SocialOrganization,
    };

    public static readonly IReadOnlyDictionary<string, BuildingStatus> StatusNames = new Dictionary<string, BuildingStatus>
    {
        ["未建"] = BuildingStatus.NotBuilt, ["联系中"] = BuildingStatus.Contacting, ["已建团"] = BuildingStatus.Built,
    };

    private static readonly Dictionary<string, string> HeaderOfField = new()
    {
        ["Name"] = NameHeader, ["Kind"] = KindHeader, ["CreditCode"] = CreditCodeHeader, ["UnitCode"] = UnitCodeHeader,
        ["Address"] = AddressHeader, ["ContactName"] = ContactNameHeader, ["ContactPhone"] = ContactPhoneHeader, ["StaffCount"] = StaffHeader,
        ["YoungStaffCount"] = YoungStaffHeader, ["HasPartyOrganization"] = PartyHeader, ["Status"] = StatusHeader, ["BuiltOn"] = BuiltOnHeader,
        ["LeagueUnitCode"] = LeagueUnitCodeHeader, ["MembersAdded"] = MembersHeader, ["File"] = "",
    };

    /// <summary>A problem at a row, under the column of the failure's field.</summary>
    private static RowFailure At(int row, Failure failure) => new(row, HeaderOfField.GetValueOrDefault(failure.Field, ""), failure);

    public sealed record Outcome(int Created, IReadOnlyList<RowFailure> Failures) : ImportOutcome(Failures)
    {
        /// <summary>The rows as read, kept when the file is refused so the report can show them again.</summary>
        internal IReadOnlyList<Row> Rows { get; init; } = [];

        public override IEnumerable<KeyValuePair<string, int>> Counts() => [new("created", Created)];
    }

    /// <summary>The organization import as a background job, for its page and its API.</summary>
    public static readonly ImportKind Job = new("organizations", "两新组织导入问题报告.xlsx", async (services, file, progress, ct) =>
    {
        var outcome = await services.GetRequiredService<Handler>().Handle(file, progress, ct);
        var report = outcome.Ok ? null : Report(outcome, services.GetRequiredService<IStringLocalizer<SharedResource>>());
        return (outcome with { Rows = [] }, report);
    });

    /// <summary>The template's columns, in order: the report repeats them.</summary>
    public static readonly IReadOnlyList<string> Headers =
    [
        NameHeader, KindHeader, CreditCodeHeader, UnitCodeHeader, AddressHeader, ContactNameHeader, ContactPhoneHeader, StaffHeader,
        YoungStaffHeader, PartyHeader, StatusHeader, BuiltOnHeader, LeagueUnitCodeHeader, MembersHeader,
    ];

    public static byte[] Template(string unitCode)
    {
        // The example's code is checksum-valid in the unassigned area 990106, so it names no real organization.
        object[] values = ["青云示例科技有限公司", "非公企业", "91990106MA1XG6125K", unitCode, "青云路 1 号", "王经理", "010-12345678", 120, 80, "是", "已建团", "2026-03-15", "", 6];
        var example = Headers.Zip(values).ToDictionary(p => p.First, p => p.Second);
        var blank = Headers.ToDictionary(h => h, _ => (object)"");
        var sheets = new Dictionary<string, object> { ["两新组织"] = new[] { blank }, ["填写示例"] = new[] { example } };
        using var ms = new MemoryStream();
        ms.SaveAs(sheets);
        return ms.ToArray();
    }

    /// <summary>The report: the uploaded rows with each bad cell filled, and the list of problems (<see cref="ExcelReport"/>).</summary>
    public static byte[] Report(Outcome outcome, IStringLocalizer<SharedResource> t) =>
        ExcelReport.Write("两新组织", Headers, outcome.Rows.Select(r => (r.Number, (IReadOnlyList<string?>)[.. Headers.Select(r.Shown)])),
            [.. outcome.Failures.Select(f => new CellProblem(f.Row, f.Column, t.Describe(f.Failure)))]);

    internal sealed record Row(int Number, IDictionary<string, object?> Cells)
    {
        public string this[string header] => ExcelCells.Text(Cells, header);

        /// <summary>A cell as the report repeats it: the date built as 2026-03-15, anything else as typed.</summary>
        public string Shown(string header) => header == BuiltOnHeader ? ExcelCells.DateText(Cells, header, ExcelCells.Date(Cells, header)) : this[header];
    }

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
                var missing = ExcelCells.MissingHeaders(xlsx, [NameHeader, KindHeader, CreditCodeHeader, UnitCodeHeader, StaffHeader, YoungStaffHeader, StatusHeader]);
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

            progress.Enter(ImportPhase.Checking);
            progress.SetTotal(rows.Count);
            progress.SetChecked(0);
            var now = clock.GetUtcNow();
            var today = now.ChinaDate();
            var failures = new List<RowFailure>();

            // Unit codes, looked up once: the area unit must be manageable, the League unit visible.
            var codes = rows.SelectMany(r => new[] { r[UnitCodeHeader], r[LeagueUnitCodeHeader] }).Where(c => c.Length > 0).Distinct().ToList();
            var units = new Dictionary<string, OrgUnit>(StringComparer.OrdinalIgnoreCase);
            foreach (var chunk in codes.Chunk(1000))
            {
                foreach (var u in await db.OrgUnits.AsNoTracking().Where(u => chunk.Contains(u.Code)).ToListAsync(ct))
                {
                    units[u.Code] = u;
                }
            }

            var good = new List<(Row Row, OrganizationInput Input, OrganizationInput.Checked Checked, OrgUnit Unit)>();
            var seenCode = new Dictionary<string, int>(StringComparer.Ordinal);
            var checkedRows = 0;
            foreach (var r in rows)
            {
                progress.SetChecked(checkedRows++);
                var before = failures.Count;
                void Fail(Failure f) => failures.Add(At(r.Number, f));

                var kindText = r[KindHeader];
                if (!KindNames.TryGetValue(kindText, out var kind))
                {
                    Fail(new Failure("Kind", "UnknownName", 400, kindText) { Label = "OrganizationKind" });
                    kind = NewOrganizationKind.NonPublicEnterprise;
                }
                var statusText = r[StatusHeader];
                if (!StatusNames.TryGetValue(statusText, out var status))
                {
                    Fail(new Failure("Status", "UnknownName", 400, statusText) { Label = "BuildingStatus" });
                    status = BuildingStatus.NotBuilt;
                }
                var partyText = r[PartyHeader];
                if (partyText is not ("是" or "否" or ""))
                {
                    Fail(new Failure("HasPartyOrganization", "UnknownName", 400, partyText));
                }
                int? Number(string header, string field)
                {
                    var text = r[header];
                    if (text.Length == 0)
                    {
                        return null;
                    }
                    if (int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n))
                    {
                        return n;
                    }
                    Fail(new Failure(field, "WholeNumber"));
                    return 0;
                }
                var staff = Number(StaffHeader, "StaffCount");
                var young = Number(YoungStaffHeader, "YoungStaffCount");
                var members = Number(MembersHeader, "MembersAdded");
                var builtOn = ExcelCells.Date(r.Cells, BuiltOnHeader);
                if (builtOn == DateOnly.MinValue)
                {
                    Fail(new Failure("BuiltOn", "DateFormat"));
                    builtOn = null;
                }

                OrgUnit? unit = null;
                var unitCode = r[UnitCodeHeader];
                if (unitCode.Length == 0)
                {
                    Fail(Failure.Required("UnitCode") with { Label = "AreaUnitCode" });
                }
                else if (!units.TryGetValue(unitCode, out unit))
                {
                    Fail(new Failure("UnitCode", "UnitCodeUnknown", 400, unitCode) { Label = "AreaUnitCode" });
                }
                else if (!db.Scope.Covers(unit.Path, Permission.PeopleManage))
                {
                    Fail(new Failure("UnitCode", "Forbidden", 403) { Label = "AreaUnitCode" });
                }
                else if (unit.IsClosed)
                {
                    Fail(new Failure("UnitCode", "UnitClosed", 409) { Label = "AreaUnitCode" });
                }
                Guid? leagueUnitId = null;
                var leagueCode = r[LeagueUnitCodeHeader];
                if (leagueCode.Length > 0 && status == BuildingStatus.Built)
                {
                    if (!units.TryGetValue(leagueCode, out var league) || !db.Scope.Covers(league.Path, Permission.PeopleRead))
                    {
                        Fail(new Failure("LeagueUnitCode", "UnitCodeUnknown", 400, leagueCode));
                    }
                    else
                    {
                        leagueUnitId = league.Id;
                    }
                }

                var input = new OrganizationInput(unit?.Id, kind, r[NameHeader], r[CreditCodeHeader], r[AddressHeader], r[ContactNameHeader], r[ContactPhoneHeader],
                    staff, young, partyText == "是", status, builtOn, leagueUnitId, members);
                var check = input.Check(today);
                foreach (var f in check.Failures)
                {
                    Fail(f);
                }
                if (check.Value is { } c && !seenCode.TryAdd(c.CreditCode, r.Number))
                {
                    Fail(new Failure("CreditCode", "DuplicateInFile", 400, c.CreditCode, seenCode[c.CreditCode]));
                }
                if (failures.Count == before)
                {
                    good.Add((r, input, check.Value!, unit!));
                }
            }

            var taken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in seenCode.Keys.Chunk(1000))
            {
                taken.UnionWith(await db.NewOrganizations.IgnoreQueryFilters().Where(o => chunk.Contains(o.CreditCode)).Select(o => o.CreditCode).ToListAsync(ct));
            }
            foreach (var (code, row) in seenCode.Where(kv => taken.Contains(kv.Key)))
            {
                failures.Add(At(row, new Failure("CreditCode", "DuplicateCreditCode", 409, code)));
            }
            progress.SetChecked(rows.Count);
            if (failures.Count > 0)
            {
                return new Outcome(0, failures.OrderBy(f => f.Row).ToList()) { Rows = rows };
            }

            var orgs = new List<NewOrganization>(good.Count);
            var events = new List<NewOrganizationEvent>(good.Count);
            foreach (var (_, input, c, unit) in good)
            {
                var org = new NewOrganization
                {
                    UnitId = unit.Id, Kind = input.Kind, Name = c.Name, CreditCode = c.CreditCode, Address = c.Address, ContactName = c.ContactName,
                    ContactPhoneCipher = c.ContactPhone is null ? null : sensitive.Encrypt(c.ContactPhone),
                    ContactPhoneMasked = c.ContactPhone is null ? null : ContactPhone.Mask(c.ContactPhone),
                    StaffCount = c.StaffCount, YoungStaffCount = c.YoungStaffCount, HasPartyOrganization = input.HasPartyOrganization,
                    Status = input.Status, BuiltOn = c.BuiltOn, LeagueUnitId = c.LeagueUnitId, MembersAdded = c.MembersAdded, CreatedAt = now, UpdatedAt = now,
                };
                orgs.Add(org);
                // As on the form: members the file already counts belong to the year built (or this year).
                events.Add(new NewOrganizationEvent
                {
                    OrganizationId = org.Id, UnitId = unit.Id, Kind = NewOrganizationEventKind.Imported, After = org.Status.ToString(),
                    MembersDelta = org.MembersAdded > 0 ? org.MembersAdded : null, On = org.MembersAdded > 0 ? org.BuiltOn ?? today : today,
                    ByUserName = db.Scope.UserName, At = now,
                });
            }

            // One audit line for the file (decision 006), in the same transaction as the rows.
            progress.Enter(ImportPhase.Writing);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            using (db.Scope.AuditAsOneLine())
            {
                db.NewOrganizations.AddRange(orgs);
                db.NewOrganizationEvents.AddRange(events);
                await db.SaveChangesAsync(ct);
            }
            db.ChangeTracker.Clear();
            await audit.RecordAsync(AuditAction.Import, nameof(NewOrganization), null, good[0].Unit.Id,
                changes: $"{{\"rows\":{orgs.Count}}}", ct: ct);
            await tx.CommitAsync(ct);
            return new Outcome(orgs.Count, []);
        }

        private static Outcome Refused(int row, Failure failure) => new(0, [At(row, failure)]);

        private static List<Row> Read(Stream xlsx, ImportProgress progress)
        {
            var result = new List<Row>();
            var number = 1;
            foreach (IDictionary<string, object?> cells in xlsx.Query(useHeaderRow: true))
            {
                number++;
                var r = new Row(number, cells);
                if (r[NameHeader].Length == 0 && r[CreditCodeHeader].Length == 0 && r[UnitCodeHeader].Length == 0)
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
