using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Domain.Rosters;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Rosters;

/// <summary>
/// A branch's or a whole district's roster from one Excel file. Every row is checked (ID checksum, phone,
/// dates, unit codes, duplicates in the file and against the database) and the file is written whole or
/// not at all; the report names each row, column and rule, and downloads as a workbook.
/// </summary>
public static class ImportMembers
{
    public const string NameHeader = "姓名";
    public const string IdNumberHeader = "身份证号";
    public const string PhoneHeader = "手机号";
    public const string NumberHeader = "团员编号";
    public const string JoinedHeader = "入团日期";
    public const string UnitCodeHeader = "团支部代码";
    public const string StatusHeader = "团籍状态";
    public const string StudentHeader = "是否学生";
    public const string EthnicityHeader = "民族";
    public const int MaxRows = 200_000;

    public static readonly IReadOnlyDictionary<string, MemberStatus> StatusNames = new Dictionary<string, MemberStatus>
    {
        ["在册"] = MemberStatus.Registered, ["流动"] = MemberStatus.Floating, ["保留团籍"] = MemberStatus.Retained,
        ["离团"] = MemberStatus.Left, ["停止团籍"] = MemberStatus.Suspended,
    };

    private static readonly Dictionary<string, string> HeaderOfField = new()
    {
        ["Name"] = NameHeader, ["IdNumber"] = IdNumberHeader, ["Phone"] = PhoneHeader, ["MemberNumber"] = NumberHeader,
        ["JoinedOn"] = JoinedHeader, ["UnitCode"] = UnitCodeHeader, ["Status"] = StatusHeader, ["IsStudent"] = StudentHeader,
        ["Ethnicity"] = EthnicityHeader, ["File"] = "",
    };

    public sealed record RowFailure(int Row, Failure Failure)
    {
        public string Column => HeaderOfField.GetValueOrDefault(Failure.Field, "");
    }

    public sealed record Outcome(int Created, int Attached, IReadOnlyList<RowFailure> Failures)
    {
        public bool Ok => Failures.Count == 0;
    }

    public static byte[] Template(string unitCode)
    {
        var rows = new[]
        {
            new Dictionary<string, object>
            {
                [NameHeader] = "张小青", [IdNumberHeader] = "110105200301010016", [PhoneHeader] = "13800000001", [NumberHeader] = "T2019000001",
                [JoinedHeader] = "2019-05-04", [UnitCodeHeader] = unitCode, [StatusHeader] = "在册", [StudentHeader] = "否", [EthnicityHeader] = "汉族",
            },
        };
        var blank = new[] { rows[0].ToDictionary(kv => kv.Key, _ => (object)"") };
        var sheets = new Dictionary<string, object> { ["团员"] = blank, ["填写示例"] = rows };
        using var ms = new MemoryStream();
        ms.SaveAs(sheets);
        return ms.ToArray();
    }

    /// <summary>The report: one line per problem, with the row and column to fix.</summary>
    public static byte[] Report(IReadOnlyList<RowFailure> failures, Microsoft.Extensions.Localization.IStringLocalizer<Resources.SharedResource> t)
    {
        var rows = failures.Select(f => new Dictionary<string, object>
        {
            ["行号"] = f.Row, ["列"] = f.Column, ["问题"] = ExcelCells.Safe(t.Describe(f.Failure)) ?? "",
        });
        using var ms = new MemoryStream();
        ms.SaveAs(rows, sheetName: "问题");
        return ms.ToArray();
    }

    private sealed record Row(int Number, string Name, string IdNumber, string Phone, string MemberNumber, DateOnly? JoinedOn,
        string UnitCode, string StatusText, string StudentText, string Ethnicity);

    public sealed class Handler(AppDbContext db, SensitiveData sensitive, TimeProvider clock, AuditLog audit)
    {
        public async Task<Outcome> Handle(Stream xlsx, CancellationToken ct)
        {
            List<Row> rows;
            try
            {
                var missing = ExcelCells.MissingHeaders(xlsx, [NameHeader, IdNumberHeader, NumberHeader, JoinedHeader, UnitCodeHeader, StatusHeader]);
                if (missing.Count > 0)
                {
                    return new Outcome(0, 0, [new RowFailure(1, new Failure("File", "MissingColumns", 400, string.Join("、", missing)))]);
                }
                rows = Read(xlsx);
            }
            catch (Exception)
            {
                return new Outcome(0, 0, [new RowFailure(0, new Failure("File", "NotExcel"))]);
            }
            if (rows.Count == 0)
            {
                return new Outcome(0, 0, [new RowFailure(0, new Failure("File", "EmptyFile"))]);
            }
            if (rows.Count > MaxRows)
            {
                return new Outcome(0, 0, [new RowFailure(0, new Failure("File", "TooManyRows", 400, MaxRows))]);
            }

            var now = clock.GetUtcNow();
            var today = now.ChinaDate();
            var failures = new List<RowFailure>();
            var parsed = new Dictionary<int, (IdNumber Id, string? Phone, string IdIndex, string? PhoneIndex)>();
            var seenId = new Dictionary<string, int>();
            var seenPhone = new Dictionary<string, int>();
            var seenNumber = new Dictionary<string, int>(StringComparer.Ordinal);

            foreach (var r in rows)
            {
                void Fail(Failure f) => failures.Add(new RowFailure(r.Number, f));
                if (r.Name.Length == 0)
                {
                    Fail(Failure.Required("Name") with { Label = "PersonName" });
                }
                else if (r.Name.Length > Person.NameMaxLength)
                {
                    Fail(Failure.TooLong("Name", Person.NameMaxLength) with { Label = "PersonName" });
                }
                foreach (var f in MemberInput.CheckNumber(r.MemberNumber))
                {
                    Fail(f);
                }
                if (r.MemberNumber.Length > 0 && !seenNumber.TryAdd(r.MemberNumber, r.Number))
                {
                    Fail(new Failure("MemberNumber", "DuplicateInFile", 400, r.MemberNumber, seenNumber[r.MemberNumber]));
                }
                if (!StatusNames.ContainsKey(r.StatusText))
                {
                    Fail(new Failure("Status", "UnknownName", 400, r.StatusText));
                }
                if (r.StudentText is not ("是" or "否" or ""))
                {
                    Fail(new Failure("IsStudent", "UnknownName", 400, r.StudentText));
                }
                if (r.Ethnicity.Length > 20)
                {
                    Fail(Failure.TooLong("Ethnicity", 20));
                }
                if (r.UnitCode.Length == 0)
                {
                    Fail(Failure.Required("UnitCode"));
                }
                string? phone = null;
                if (r.Phone.Length > 0)
                {
                    if (!Phone.TryNormalize(r.Phone, out var p))
                    {
                        Fail(new Failure("Phone", "PhonePattern"));
                    }
                    else if (!seenPhone.TryAdd(p, r.Number))
                    {
                        Fail(new Failure("Phone", "DuplicateInFile", 400, Phone.Mask(p), seenPhone[p]));
                    }
                    else
                    {
                        phone = p;
                    }
                }
                if (r.IdNumber.Length == 0)
                {
                    Fail(Failure.Required("IdNumber"));
                }
                else if (!IdNumber.TryParse(r.IdNumber, today, out var id, out var rule))
                {
                    Fail(new Failure("IdNumber", rule));
                }
                else
                {
                    if (!seenId.TryAdd(id.Value, r.Number))
                    {
                        Fail(new Failure("IdNumber", "DuplicateInFile", 400, id.Masked(), seenId[id.Value]));
                    }
                    if (r.JoinedOn == DateOnly.MinValue)
                    {
                        Fail(new Failure("JoinedOn", "DateFormat"));
                    }
                    else
                    {
                        foreach (var f in MemberInput.CheckJoined(r.JoinedOn, id.BirthDate, today))
                        {
                            Fail(f);
                        }
                    }
                    parsed[r.Number] = (id, phone, sensitive.IdNumberIndex(id.Value), phone is null ? null : sensitive.PhoneIndex(phone));
                }
            }

            // Against the database, in chunks so a 100,000-row file stays within parameter limits.
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
                    failures.Add(new RowFailure(r.Number, new Failure("UnitCode", "ParentCodeUnknown", 400, r.UnitCode)));
                }
                else if (!db.Scope.Covers(u.Path, Permission.PeopleManage))
                {
                    failures.Add(new RowFailure(r.Number, new Failure("UnitCode", "Forbidden", 403)));
                }
                else if (u.IsClosed)
                {
                    failures.Add(new RowFailure(r.Number, new Failure("UnitCode", "ParentClosed", 409)));
                }
            }
            var takenNumbers = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in seenNumber.Keys.Chunk(1000))
            {
                takenNumbers.UnionWith(await db.Memberships.IgnoreQueryFilters().Where(m => chunk.Contains(m.MemberNumber)).Select(m => m.MemberNumber).ToListAsync(ct));
            }
            failures.AddRange(rows.Where(r => takenNumbers.Contains(r.MemberNumber))
                .Select(r => new RowFailure(r.Number, new Failure("MemberNumber", "DuplicateMemberNumber", 409, r.MemberNumber))));

            var existingPeople = new Dictionary<string, (Guid Id, bool Visible, bool Member)>();
            foreach (var chunk in parsed.Values.Select(p => p.IdIndex).Chunk(1000))
            {
                var found = await db.People.IgnoreQueryFilters().Where(p => chunk.Contains(p.IdNumberIndex!))
                    .Select(p => new { p.Id, p.IdNumberIndex, Member = db.Memberships.IgnoreQueryFilters().Any(m => m.PersonId == p.Id) })
                    .ToListAsync(ct);
                var visible = (await db.People.Where(p => chunk.Contains(p.IdNumberIndex!)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
                foreach (var f in found)
                {
                    existingPeople[f.IdNumberIndex!] = (f.Id, visible.Contains(f.Id), f.Member);
                }
            }
            var phonesTaken = new Dictionary<string, Guid>();
            foreach (var chunk in parsed.Values.Where(p => p.PhoneIndex is not null).Select(p => p.PhoneIndex!).Chunk(1000))
            {
                foreach (var f in await db.People.IgnoreQueryFilters().Where(p => chunk.Contains(p.PhoneIndex!)).Select(p => new { p.Id, p.PhoneIndex }).ToListAsync(ct))
                {
                    phonesTaken[f.PhoneIndex!] = f.Id;
                }
            }
            foreach (var (number, p) in parsed)
            {
                if (existingPeople.TryGetValue(p.IdIndex, out var e))
                {
                    if (!e.Visible)
                    {
                        failures.Add(new RowFailure(number, new Failure("IdNumber", "PersonElsewhere", 409)));
                    }
                    else if (e.Member)
                    {
                        failures.Add(new RowFailure(number, new Failure("IdNumber", "AlreadyMember", 409)));
                    }
                }
                if (p.PhoneIndex is not null && phonesTaken.TryGetValue(p.PhoneIndex, out var owner)
                    && (!existingPeople.TryGetValue(p.IdIndex, out var self) || self.Id != owner))
                {
                    failures.Add(new RowFailure(number, new Failure("Phone", "DuplicatePhone", 409)));
                }
            }
            if (failures.Count > 0)
            {
                return new Outcome(0, 0, failures.OrderBy(f => f.Row).ToList());
            }

            var created = 0;
            var attached = 0;
            var people = new List<Person>();
            var memberships = new List<Membership>(rows.Count);
            var events = new List<MembershipEvent>(rows.Count);
            foreach (var r in rows)
            {
                var p = parsed[r.Number];
                var unit = units[r.UnitCode];
                Guid personId;
                if (existingPeople.TryGetValue(p.IdIndex, out var e))
                {
                    personId = e.Id;
                    attached++;
                }
                else
                {
                    var person = new Person
                    {
                        UnitId = unit.Id, Name = r.Name, Gender = p.Id.Gender, BirthDate = p.Id.BirthDate,
                        Ethnicity = r.Ethnicity.Length == 0 ? null : r.Ethnicity, PoliticalStatus = PoliticalStatus.LeagueMember,
                        CreatedAt = now, UpdatedAt = now,
                    };
                    sensitive.Protect(person, p.Id.Value, p.Phone);
                    people.Add(person);
                    personId = person.Id;
                    created++;
                }
                var m = new Membership
                {
                    PersonId = personId, UnitId = unit.Id, MemberNumber = r.MemberNumber, JoinedOn = r.JoinedOn!.Value,
                    JoinedUnitId = unit.Id, JoinedUnitName = unit.Name, Status = StatusNames[r.StatusText], IsStudent = r.StudentText == "是",
                    CreatedAt = now, UpdatedAt = now,
                };
                memberships.Add(m);
                events.Add(new MembershipEvent
                {
                    MembershipId = m.Id, UnitId = unit.Id, Kind = MembershipEventKind.Imported, After = $"{unit.Name} · {r.MemberNumber}",
                    ByUserName = db.Scope.UserName, At = now,
                });
            }

            // A district's roster is hundreds of thousands of rows: written in bulk (COPY / prepared INSERT),
            // in one transaction with the audit line (decision 006).
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.InsertAsync(people, ct);
            await db.InsertAsync(memberships, ct);
            await db.InsertAsync(events, ct);
            await audit.RecordAsync(AuditAction.Import, nameof(Membership), null, units.Values.First().Id,
                changes: $"{{\"rows\":{rows.Count},\"newPeople\":{created},\"existingPeople\":{attached}}}", ct: ct);
            await tx.CommitAsync(ct);
            if (rows.Count >= 10_000 && db.Database.IsNpgsql())
            {
                // Fresh statistics, so the first roster queries after a district-sized import plan well.
                await db.Database.ExecuteSqlRawAsync("ANALYZE \"People\", \"Memberships\", \"MembershipEvents\"", ct);
            }
            return new Outcome(created, attached, []);
        }

        private static List<Row> Read(Stream xlsx)
        {
            var result = new List<Row>();
            var number = 1;
            foreach (IDictionary<string, object?> row in xlsx.Query(useHeaderRow: true))
            {
                number++;
                var r = new Row(number, ExcelCells.Text(row, NameHeader), ExcelCells.Text(row, IdNumberHeader), ExcelCells.Text(row, PhoneHeader),
                    ExcelCells.Text(row, NumberHeader), ExcelCells.Date(row, JoinedHeader), ExcelCells.Text(row, UnitCodeHeader),
                    ExcelCells.Text(row, StatusHeader), ExcelCells.Text(row, StudentHeader), ExcelCells.Text(row, EthnicityHeader));
                if (r is { Name: "", IdNumber: "", MemberNumber: "", UnitCode: "" })
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
