using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Domain.Rosters;
using Qingyun.Infrastructure;
using Qingyun.Resources;
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

    /// <summary>A problem at a row, under the column of the failure's field.</summary>
    private static RowFailure At(int row, Failure failure) => new(row, HeaderOfField.GetValueOrDefault(failure.Field, ""), failure);

    /// <summary><paramref name="Created"/>: members registered as new people; <paramref name="Attached"/>: members who already had a person record.</summary>
    public sealed record Outcome(int Created, int Attached, IReadOnlyList<RowFailure> Failures) : ImportOutcome(Failures)
    {
        /// <summary>The rows as read, kept when the file is refused so the report can show them again.</summary>
        internal IReadOnlyList<Row> Rows { get; init; } = [];

        public override IEnumerable<KeyValuePair<string, int>> Counts() => [new("created", Created), new("existingPeople", Attached)];
    }

    /// <summary>The member import as a background job, for its page and its API.</summary>
    public static readonly ImportKind Job = new("members", "团员导入问题报告.xlsx", async (services, file, progress, ct) =>
    {
        var outcome = await services.GetRequiredService<Handler>().Handle(file, progress, ct);
        var report = outcome.Ok ? null : Report(outcome, services.GetRequiredService<IStringLocalizer<SharedResource>>());
        // The rows were kept for the report only; the job keeps the outcome for half an hour without them.
        return (outcome with { Rows = [] }, report);
    });

    /// <summary>The template's columns, in order: the report repeats them.</summary>
    public static readonly IReadOnlyList<string> Headers =
        [NameHeader, IdNumberHeader, PhoneHeader, NumberHeader, JoinedHeader, UnitCodeHeader, StatusHeader, StudentHeader, EthnicityHeader];

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

    /// <summary>
    /// The report: the uploaded rows again with each bad cell filled and the problems in a last column, plus the
    /// list of problems on a second sheet (<see cref="ExcelReport"/>).
    /// </summary>
    public static byte[] Report(Outcome outcome, IStringLocalizer<SharedResource> t) =>
        ExcelReport.Write("团员", Headers,
            outcome.Rows.Select(r => (r.Number, (IReadOnlyList<string?>)[r.Name, r.IdNumber, r.Phone, r.MemberNumber, r.JoinedText, r.UnitCode, r.StatusText, r.StudentText, r.Ethnicity])),
            [.. outcome.Failures.Select(f => new CellProblem(f.Row, f.Column, t.Describe(f.Failure)))]);

    internal sealed record Row(int Number, string Name, string IdNumber, string Phone, string MemberNumber, DateOnly? JoinedOn,
        string JoinedText, string UnitCode, string StatusText, string StudentText, string Ethnicity);

    public sealed class Handler(AppDbContext db, SensitiveData sensitive, TimeProvider clock, AuditLog audit)
    {
        public Task<Outcome> Handle(Stream xlsx, CancellationToken ct) => Handle(xlsx, new ImportProgress(), ct);

        public async Task<Outcome> Handle(Stream xlsx, ImportProgress progress, CancellationToken ct)
        {
            progress.Enter(ImportPhase.Reading);
            static Outcome FileFailure(int row, Failure f) => new(0, 0, [At(row, f)]);
            // The size first, from the sheet's structure alone: a file over the limit is refused before any
            // cell is parsed (1,000,000 rows: about a second, constant memory).
            var sheetRows = ExcelCells.RowsUpTo(xlsx, MaxRows + 1);
            if (sheetRows is null)
            {
                return FileFailure(0, new Failure("File", "NotExcel"));
            }
            if (sheetRows > MaxRows + 1)
            {
                return FileFailure(0, new Failure("File", "TooManyRows", 400, MaxRows));
            }
            progress.SetTotal(Math.Max(0, sheetRows.Value - 1));
            progress.Step("size check (sheet structure)");
            List<Row> rows;
            Prepared[] prepared;
            var now = clock.GetUtcNow();
            var today = now.ChinaDate();
            try
            {
                // The headers come with the first row read; a file with headers only is asked separately.
                // (Asking first would cost MiniExcel a pass over the whole sheet: ~1 s per 100,000 rows.)
                string[] required = [NameHeader, IdNumberHeader, NumberHeader, JoinedHeader, UnitCodeHeader, StatusHeader];
                (rows, prepared, var headers) = await ReadAndPrepareAsync(xlsx, today, progress, ct);
                var missing = headers is null ? ExcelCells.MissingHeaders(xlsx, required) : required.Where(h => !headers.Contains(h)).ToList();
                if (missing.Count > 0)
                {
                    return FileFailure(1, new Failure("File", "MissingColumns", 400, string.Join("、", missing)));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return FileFailure(0, new Failure("File", "NotExcel"));
            }
            if (rows.Count == 0)
            {
                return FileFailure(0, new Failure("File", "EmptyFile"));
            }
            if (rows.Count > MaxRows)
            {
                return FileFailure(0, new Failure("File", "TooManyRows", 400, MaxRows));
            }

            progress.Enter(ImportPhase.Checking);
            progress.SetTotal(rows.Count);
            progress.SetChecked(0);
            var failures = new List<RowFailure>();
            // Per row, by position in `rows`: the ID and phone as parsed, sealed and indexed while reading, and
            // which of them passed the checks (a phone already seen in the file is not kept).
            var valid = new bool[rows.Count];
            var phones = new string?[rows.Count];
            var seenId = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
            var seenPhone = new Dictionary<string, int>(StringComparer.Ordinal);
            var seenNumber = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);

            for (var i = 0; i < rows.Count; i++)
            {
                var r = rows[i];
                ref readonly var prep = ref prepared[i];
                void Fail(Failure f) => failures.Add(At(r.Number, f));
                if ((i & 1023) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress.SetChecked(i);
                }
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
                if (r.Phone.Length > 0)
                {
                    if (prep.Phone is not { } p)
                    {
                        Fail(new Failure("Phone", "PhonePattern"));
                    }
                    else if (!seenPhone.TryAdd(p, r.Number))
                    {
                        Fail(new Failure("Phone", "DuplicateInFile", 400, Phone.Mask(p), seenPhone[p]));
                    }
                    else
                    {
                        phones[i] = p;
                    }
                }
                if (r.IdNumber.Length == 0)
                {
                    Fail(Failure.Required("IdNumber"));
                }
                else if (prep.IdRule is { } rule)
                {
                    Fail(new Failure("IdNumber", rule));
                }
                else
                {
                    var id = prep.Id;
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
                    valid[i] = true;
                }
            }
            seenId = null;
            seenPhone = null;
            progress.SetChecked(rows.Count);
            progress.Step("row checks");

            // Against the database, in batches (one query per 1,000 values, not per row) so a 100,000-row file
            // stays within parameter limits.
            var units = new Dictionary<string, OrgUnit>(StringComparer.Ordinal);
            foreach (var chunk in rows.Select(r => r.UnitCode).Where(c => c.Length > 0).Distinct().Chunk(Batch))
            {
                foreach (var u in await db.OrgUnits.AsNoTracking().Where(u => chunk.Contains(u.Code)).ToListAsync(ct))
                {
                    units[u.Code] = u;
                }
            }
            var unitFailures = new Dictionary<string, Failure?>(StringComparer.Ordinal);
            foreach (var r in rows)
            {
                if (r.UnitCode.Length == 0)
                {
                    continue;
                }
                if (!unitFailures.TryGetValue(r.UnitCode, out var failure))
                {
                    failure = !units.TryGetValue(r.UnitCode, out var u) ? new Failure("UnitCode", "ParentCodeUnknown", 400, r.UnitCode)
                        : !db.Scope.Covers(u.Path, Permission.PeopleManage) ? new Failure("UnitCode", "Forbidden", 403)
                        : u.IsClosed ? new Failure("UnitCode", "ParentClosed", 409)
                        : null;
                    unitFailures[r.UnitCode] = failure;
                }
                if (failure is not null)
                {
                    failures.Add(At(r.Number, failure));
                }
            }
            progress.Step("units");

            // Uniqueness across every scope (a number or ID held elsewhere still blocks): each question is one
            // join against a temporary table of the file's values (BulkInsert.ExistingAsync).
            var takenNumbers = (await db.ExistingAsync<Membership>(seenNumber.Keys, nameof(Membership.MemberNumber), ct)).Keys.ToHashSet(StringComparer.Ordinal);
            if (takenNumbers.Count > 0)
            {
                failures.AddRange(rows.Where(r => takenNumbers.Contains(r.MemberNumber))
                    .Select(r => At(r.Number, new Failure("MemberNumber", "DuplicateMemberNumber", 409, r.MemberNumber))));
            }
            progress.Step("member numbers in the database");

            var existingPeople = new Dictionary<string, (Guid Id, bool Visible, bool Member)>(StringComparer.Ordinal);
            var foundPeople = await db.ExistingAsync<Person>(Enumerable.Range(0, rows.Count).Where(i => valid[i]).Select(i => prepared[i].IdNumber!.Value.Index), nameof(Person.IdNumberIndex), ct);
            foreach (var chunk in foundPeople.Chunk(Batch))
            {
                // Who of those found is in the caller's scope (through the scope filter), and who is a member already.
                var foundIds = chunk.Select(f => f.Value).ToList();
                var visible = (await db.People.Where(p => foundIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
                var members = (await db.Memberships.IgnoreQueryFilters().Where(m => foundIds.Contains(m.PersonId)).Select(m => m.PersonId).ToListAsync(ct)).ToHashSet();
                foreach (var (index, id) in chunk)
                {
                    existingPeople[index] = (id, visible.Contains(id), members.Contains(id));
                }
            }
            progress.Step("people in the database");
            var phonesTaken = await db.ExistingAsync<Person>(Enumerable.Range(0, rows.Count).Where(i => valid[i] && phones[i] is not null).Select(i => prepared[i].SealedPhone!.Value.Index), nameof(Person.PhoneIndex), ct);
            progress.Step("phones in the database");
            if (existingPeople.Count > 0 || phonesTaken.Count > 0)
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    if (!valid[i])
                    {
                        continue;
                    }
                    var idIndex = prepared[i].IdNumber!.Value.Index;
                    var number = rows[i].Number;
                    if (existingPeople.TryGetValue(idIndex, out var e))
                    {
                        if (!e.Visible)
                        {
                            failures.Add(At(number, new Failure("IdNumber", "PersonElsewhere", 409)));
                        }
                        else if (e.Member)
                        {
                            failures.Add(At(number, new Failure("IdNumber", "AlreadyMember", 409)));
                        }
                    }
                    if (phones[i] is not null && phonesTaken.TryGetValue(prepared[i].SealedPhone!.Value.Index, out var owner)
                        && (!existingPeople.TryGetValue(idIndex, out var self) || self.Id != owner))
                    {
                        failures.Add(At(number, new Failure("Phone", "DuplicatePhone", 409)));
                    }
                }
            }
            if (failures.Count > 0)
            {
                return new Outcome(0, 0, failures.OrderBy(f => f.Row).ToList()) { Rows = rows };
            }

            progress.Enter(ImportPhase.Writing);
            seenNumber = null;
            // A once-per-import full collection between reading and writing: the parser's garbage (a dictionary
            // per row, much of it promoted while the rows were in flight) is returned before the write allocates,
            // which keeps a district's import under its 400 MB budget. Cheap next to the import (~0.1 s).
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var userName = db.Scope.UserName;
            // Each row's person (an existing one, or a new one) and its new membership, fixed before writing so that
            // the three tables can be written one after the other and still point at each other.
            var personIds = new Guid[rows.Count];
            var newPerson = new bool[rows.Count];
            var membershipIds = new Guid[rows.Count];
            var created = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                if (existingPeople.TryGetValue(prepared[i].IdNumber!.Value.Index, out var e))
                {
                    personIds[i] = e.Id;
                }
                else
                {
                    personIds[i] = Guid.CreateVersion7();
                    newPerson[i] = true;
                    created++;
                }
                membershipIds[i] = Guid.CreateVersion7();
            }
            var attached = rows.Count - created;

            // Progress while writing: the three passes over the rows, as a share of the file's rows.
            void Written(int pass, int row)
            {
                if ((row & 2047) == 0)
                {
                    progress.SetChecked((int)(((long)pass * rows.Count + row) / 3));
                }
            }
            IEnumerable<Person> People()
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    Written(0, i);
                    if (!newPerson[i])
                    {
                        continue;
                    }
                    var r = rows[i];
                    ref readonly var prep = ref prepared[i];
                    var person = new Person
                    {
                        Id = personIds[i], UnitId = units[r.UnitCode].Id, Name = r.Name, Gender = prep.Id.Gender, BirthDate = prep.Id.BirthDate,
                        Ethnicity = r.Ethnicity.Length == 0 ? null : r.Ethnicity, PoliticalStatus = PoliticalStatus.LeagueMember,
                        CreatedAt = now, UpdatedAt = now,
                    };
                    SensitiveData.Protect(person, prep.Id.Value, prep.IdNumber!.Value, phones[i], prep.SealedPhone);
                    yield return person;
                }
            }
            IEnumerable<Membership> Memberships()
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    Written(1, i);
                    var r = rows[i];
                    var unit = units[r.UnitCode];
                    yield return new Membership
                    {
                        Id = membershipIds[i], PersonId = personIds[i], UnitId = unit.Id, MemberNumber = r.MemberNumber, JoinedOn = r.JoinedOn!.Value,
                        JoinedUnitId = unit.Id, JoinedUnitName = unit.Name, Status = StatusNames[r.StatusText], IsStudent = r.StudentText == "是",
                        CreatedAt = now, UpdatedAt = now,
                    };
                }
            }
            IEnumerable<MembershipEvent> History()
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    Written(2, i);
                    var r = rows[i];
                    var unit = units[r.UnitCode];
                    yield return new MembershipEvent
                    {
                        MembershipId = membershipIds[i], UnitId = unit.Id, Kind = MembershipEventKind.Imported, After = $"{unit.Name} · {r.MemberNumber}",
                        ByUserName = userName, At = now,
                    };
                }
            }

            // A district's roster is hundreds of thousands of rows: each table is written in one bulk statement (COPY /
            // one prepared INSERT) fed row by row, so no more than one row's records exist at a time, all in one
            // transaction with the audit line (decision 006). One COPY per table, not one per slice of rows: each
            // COPY's start and end cost PostgreSQL ~9 ms (150 slices' COPYs took 5.9 s where three take 4.6 s).
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await using var cache = await db.LargeWriteCacheAsync(ct);
            progress.SetChecked(0);
            // Every key these rows hold points at a unit of the file (read above), at a person already in the
            // database (attached), or at a row written just before it here: those outside the file are locked and the
            // per-row key checks skipped where the database allows (BulkInsert.KeysVouchedForAsync).
            await using (await db.KeysVouchedForAsync(
                [(nameof(AppDbContext.OrgUnits), [.. units.Values.Select(u => u.Id)]),
                 (nameof(AppDbContext.People), [.. Enumerable.Range(0, rows.Count).Where(i => !newPerson[i]).Select(i => personIds[i])])], ct))
            {
                await db.InsertAsync(People(), ct);
                await db.InsertAsync(Memberships(), ct);
                await db.InsertAsync(History(), ct);
            }
            progress.SetChecked(rows.Count);
            progress.Step("people, memberships and history written");
            await audit.RecordAsync(AuditAction.Import, nameof(Membership), null, units.Values.First().Id,
                changes: $"{{\"rows\":{rows.Count},\"newPeople\":{created},\"existingPeople\":{attached}}}", ct: ct);
            await tx.CommitAsync(ct);
            progress.Step("audit and commit");
            if (rows.Count >= 10_000 && db.Database.IsNpgsql())
            {
                // Fresh statistics, so the first roster queries after a district-sized import plan well (autovacuum's
                // own analyze comes within a minute or so). Only the columns the roster filters, joins and sorts on: the
                // sealed ID numbers and phones and their blind indexes are only ever looked up through unique indexes,
                // and sampling them was half the time (0.2 s of 0.4 s). The history is read through its membership's
                // index only: left to autovacuum.
                const string analyze = "ANALYZE \"People\" (\"Id\", \"UnitId\", \"Name\", \"BirthDate\", \"DeletedAt\"), "
                    + "\"Memberships\" (\"Id\", \"PersonId\", \"UnitId\", \"Status\", \"JoinedOn\", \"IsStudent\", \"MemberNumber\")";
                await db.Database.ExecuteSqlRawAsync(analyze, ct);
                progress.Step("analyze");
            }
            return new Outcome(created, attached, []);
        }

        private static bool HasTemplateColumns(HashSet<string> headers) =>
            headers.Contains(NameHeader) && headers.Contains(IdNumberHeader) && headers.Contains(NumberHeader) && headers.Contains(JoinedHeader)
            && headers.Contains(UnitCodeHeader) && headers.Contains(StatusHeader);

        /// <summary>Values per database look-up: well inside both providers' parameter limits.</summary>
        private const int Batch = 1000;

        /// <summary>What the reading thread's partner works out for each row while MiniExcel parses the next ones.</summary>
        internal struct Prepared
        {
            public IdNumber Id;
            public string? IdRule;
            public SensitiveData.Sealed? IdNumber;
            public string? Phone;
            public SensitiveData.Sealed? SealedPhone;
        }

        /// <summary>
        /// Reads the rows and, on the second core, parses each ID number and phone and seals them (AES-GCM, HMAC
        /// index) as they arrive: the costliest per-row work after parsing the XML, hidden behind it.
        /// </summary>
        private async Task<(List<Row> Rows, Prepared[] Prepared, HashSet<string>? Headers)> ReadAndPrepareAsync(
            Stream xlsx, DateOnly today, ImportProgress progress, CancellationToken ct)
        {
            var batches = System.Threading.Channels.Channel.CreateBounded<(int Start, Row[] Rows)>(
                new System.Threading.Channels.BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true });
            var preparedBatches = new List<Prepared[]>();
            var sealer = Task.Run(async () =>
            {
                await foreach (var (_, batch) in batches.Reader.ReadAllAsync(ct))
                {
                    var prepared = new Prepared[batch.Length];
                    for (var i = 0; i < batch.Length; i++)
                    {
                        Prepare(batch[i], today, ref prepared[i]);
                    }
                    preparedBatches.Add(prepared);
                }
            }, ct);

            var result = new List<Row>(Math.Min(progress.Total, MaxRows + 1));
            HashSet<string>? headers = null;
            // Columns with few distinct values (branch codes, statuses, dates, ethnicities) keep one copy of each
            // value instead of one per row: ~15 MB less held for a 100,000-row file.
            var shared = new Dictionary<string, string>(StringComparer.Ordinal);
            string Shared(string value)
            {
                if (shared.TryGetValue(value, out var kept))
                {
                    return kept;
                }
                if (shared.Count < 100_000)
                {
                    shared[value] = value;
                }
                return value;
            }
            try
            {
                var number = 1;
                var pending = new List<Row>(BatchOfRows);
                foreach (IDictionary<string, object?> row in xlsx.Query(useHeaderRow: true))
                {
                    number++;
                    if (headers is null)
                    {
                        headers = row.Keys.Select(k => k.Trim()).ToHashSet(StringComparer.Ordinal);
                        if (!HasTemplateColumns(headers))
                        {
                            break;
                        }
                    }
                    var joined = ExcelCells.Date(row, JoinedHeader);
                    var r = new Row(number, ExcelCells.Text(row, NameHeader), ExcelCells.Text(row, IdNumberHeader), ExcelCells.Text(row, PhoneHeader),
                        ExcelCells.Text(row, NumberHeader), joined, Shared(ExcelCells.DateText(row, JoinedHeader, joined)),
                        Shared(ExcelCells.Text(row, UnitCodeHeader)), Shared(ExcelCells.Text(row, StatusHeader)), Shared(ExcelCells.Text(row, StudentHeader)),
                        Shared(ExcelCells.Text(row, EthnicityHeader)));
                    if (r is { Name: "", IdNumber: "", MemberNumber: "", UnitCode: "" })
                    {
                        continue;
                    }
                    result.Add(r);
                    pending.Add(r);
                    if (pending.Count == BatchOfRows)
                    {
                        await batches.Writer.WriteAsync((result.Count - pending.Count, pending.ToArray()), ct);
                        pending.Clear();
                        progress.SetChecked(result.Count);
                    }
                    if (result.Count > MaxRows)
                    {
                        break;
                    }
                }
                if (pending.Count > 0)
                {
                    await batches.Writer.WriteAsync((result.Count - pending.Count, pending.ToArray()), ct);
                }
            }
            finally
            {
                batches.Writer.Complete();
                xlsx.Position = 0;
                await sealer;
            }
            return (result, [.. preparedBatches.SelectMany(b => b)], headers);
        }

        private const int BatchOfRows = 1024;

        private void Prepare(Row r, DateOnly today, ref Prepared p)
        {
            if (r.IdNumber.Length > 0)
            {
                if (IdNumber.TryParse(r.IdNumber, today, out var id, out var rule))
                {
                    p.Id = id;
                    p.IdNumber = sensitive.SealIdNumber(id.Value);
                }
                else
                {
                    p.IdRule = rule;
                }
            }
            if (r.Phone.Length > 0 && Phone.TryNormalize(r.Phone, out var phone))
            {
                p.Phone = phone;
                p.SealedPhone = sensitive.SealPhone(phone);
            }
        }
    }
}
