using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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

            var now = clock.GetUtcNow();
            // The good slices are written while the rest of the file is read, in one transaction that is committed
            // only below, once every row has passed: disposed uncommitted (a refused file, a crash), it rolls back.
            await using var writer = new SliceWriter(db, now);
            var (rows, headers) = await ReadCheckAndWriteAsync(xlsx, now.ChinaDate(), writer, progress, ct);
            if (rows is null)
            {
                return FileFailure(0, new Failure("File", "NotExcel"));
            }
            try
            {
                // The headers come with the first row read; a file with headers only is asked separately.
                // (Asking first would cost MiniExcel a pass over the whole sheet: ~1 s per 100,000 rows.)
                string[] required = [NameHeader, IdNumberHeader, NumberHeader, JoinedHeader, UnitCodeHeader, StatusHeader];
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
            if (writer.Failures.Count > 0)
            {
                return new Outcome(0, 0, writer.Failures.OrderBy(f => f.Row).ToList()) { Rows = rows };
            }

            // Every row passed and every slice is written: the audit line joins them in the transaction (decision 006).
            progress.Enter(ImportPhase.Writing);
            await audit.RecordAsync(AuditAction.Import, nameof(Membership), null, writer.Units.Values.First().Id,
                changes: $"{{\"rows\":{rows.Count},\"newPeople\":{writer.Created},\"existingPeople\":{writer.Attached}}}", ct: ct);
            await writer.CommitAsync(ct);
            progress.Step("audit and commit");
            if (rows.Count >= 10_000 && db.Database.IsNpgsql())
            {
                // Fresh statistics, so the first roster queries after a district-sized import plan well.
                await db.Database.ExecuteSqlRawAsync("ANALYZE \"People\", \"Memberships\", \"MembershipEvents\"", ct);
                progress.Step("analyze");
            }
            return new Outcome(writer.Created, writer.Attached, []);
        }

        private static bool HasTemplateColumns(HashSet<string> headers) =>
            headers.Contains(NameHeader) && headers.Contains(IdNumberHeader) && headers.Contains(NumberHeader) && headers.Contains(JoinedHeader)
            && headers.Contains(UnitCodeHeader) && headers.Contains(StatusHeader);

        /// <summary>Values per database look-up: well inside both providers' parameter limits.</summary>
        private const int Batch = 1000;

        /// <summary>
        /// Rows read, checked and written together: bounds the records held in memory while writing. Small enough that a
        /// slice's records die young (10,000-row slices survived into the old generation and held ~40 MB more at the peak).
        /// </summary>
        internal const int WriteSlice = 2_000;

        /// <summary>What the second stage works out for each row while MiniExcel parses the next ones.</summary>
        internal struct Prepared
        {
            public IdNumber Id;
            public string? IdRule;
            /// <summary>Set when the ID number is valid: the row is then checked against the database's people.</summary>
            public SensitiveData.Sealed? IdNumber;
            /// <summary>The phone as normalized; null again when it was seen earlier in the file (the row fails, and the
            /// phone is neither looked up nor written).</summary>
            public string? Phone;
            public SensitiveData.Sealed? SealedPhone;
        }

        /// <summary>A slice of rows with what the second stage found: their prepared values and their failures in the file.</summary>
        private sealed record Slice(Row[] Rows, Prepared[] Prepared, List<RowFailure> Failures);

        /// <summary>
        /// The import in three stages, each on its own task, so that parsing the file (this one), sealing and checking
        /// the rows in the file (a second) and the database's work (a third: a slice checked against the database, then
        /// written) all overlap. Bounded channels between them keep only a few slices in flight. Rows is null when the
        /// file is not a workbook MiniExcel can read.
        /// </summary>
        private async Task<(List<Row>? Rows, HashSet<string>? Headers)> ReadCheckAndWriteAsync(
            Stream xlsx, DateOnly today, SliceWriter writer, ImportProgress progress, CancellationToken ct)
        {
            var read = Channel.CreateBounded<Row[]>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
            var checkedInFile = Channel.CreateBounded<Slice>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
            // A stage that fails stops the others, which would otherwise wait on a full or empty channel for ever.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            Task Stage(Func<Task> work) => Task.Run(async () =>
            {
                try
                {
                    await work();
                }
                catch
                {
                    await stop.CancelAsync();
                    throw;
                }
            }, CancellationToken.None);
            var stages = Task.WhenAll(
                Stage(() => CheckInFileAsync(read.Reader, checkedInFile.Writer, today, progress.Total, writer, stop.Token)),
                Stage(() => writer.CheckAndWriteAsync(checkedInFile.Reader, progress, stop.Token)));

            (List<Row> Rows, HashSet<string>? Headers)? file = null;
            try
            {
                file = await ReadAsync(xlsx, read.Writer, progress, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // A stage failed, or the import was cancelled: said by the stages, awaited below.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not a workbook after all, perhaps found part-way through: nothing more is written (and nothing committed).
                writer.StopWriting();
            }
            finally
            {
                read.Writer.Complete();
                xlsx.Position = 0;
            }
            if (file is { Rows.Count: > 0 } whole)
            {
                if (whole.Rows.Count > MaxRows)
                {
                    // A sheet that understated its size in its dimension: refused, and the slices written are rolled back.
                    writer.StopWriting();
                }
                // The file is read; the last slices are still being checked against the database and written.
                progress.Enter(ImportPhase.Checking);
                progress.SetTotal(whole.Rows.Count);
                progress.SetChecked(writer.RowsDone);
            }
            // The stages share the writer and its DbContext: all have ended before anything else uses them.
            await stages;
            ct.ThrowIfCancellationRequested();
            return file is null ? (null, null) : file.Value;
        }

        /// <summary>
        /// The first stage, on the calling thread: MiniExcel's rows, handed on in slices. Stops at the first row when the
        /// template's columns are missing (nothing is handed on), and one row past the limit.
        /// </summary>
        private static async Task<(List<Row> Rows, HashSet<string>? Headers)> ReadAsync(
            Stream xlsx, ChannelWriter<Row[]> slices, ImportProgress progress, CancellationToken ct)
        {
            // Every row is kept: a refused file's report shows them all again.
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
            var number = 1;
            var pending = new List<Row>(WriteSlice);
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
                if (pending.Count == WriteSlice)
                {
                    await slices.WriteAsync([.. pending], ct);
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
                await slices.WriteAsync([.. pending], ct);
            }
            progress.SetChecked(result.Count);
            return (result, headers);
        }

        /// <summary>
        /// The second stage: each row's ID number and phone parsed and sealed (AES-GCM, HMAC index; the costliest per-row
        /// work after parsing the XML, hidden behind it), then every check that needs the file only, in row order.
        /// </summary>
        private async Task CheckInFileAsync(
            ChannelReader<Row[]> read, ChannelWriter<Slice> slices, DateOnly today, int expectedRows, SliceWriter writer, CancellationToken ct)
        {
            // Who first used each ID number, phone and member number, by row number.
            var expected = Math.Min(expectedRows, MaxRows + 1);
            var seenId = new Dictionary<string, int>(expected, StringComparer.Ordinal);
            var seenPhone = new Dictionary<string, int>(StringComparer.Ordinal);
            var seenNumber = new Dictionary<string, int>(expected, StringComparer.Ordinal);
            try
            {
                await foreach (var rows in read.ReadAllAsync(ct))
                {
                    var prepared = new Prepared[rows.Length];
                    var failures = new List<RowFailure>();
                    for (var i = 0; i < rows.Length; i++)
                    {
                        var r = rows[i];
                        ref var prep = ref prepared[i];
                        Prepare(r, today, ref prep);
                        void Fail(Failure f) => failures.Add(At(r.Number, f));
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
                                prep.Phone = null;
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
                        }
                    }
                    if (failures.Count > 0)
                    {
                        // Told at once, not when this slice reaches the writer: the slices before it need not be written.
                        writer.StopWriting();
                    }
                    await slices.WriteAsync(new Slice(rows, prepared, failures), ct);
                }
            }
            finally
            {
                slices.Complete();
            }
        }

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

        /// <summary>
        /// The third stage, and the only user of the DbContext while the file is read (a DbContext is not thread-safe):
        /// each slice in turn is checked against the database and then, while every row so far is good, written in the one
        /// transaction — COPY / prepared INSERT in slices, so that only one slice's records are in memory (decision 006).
        /// <para>
        /// What the checks see: until the first failure, the slices written hold no value of a later row that passed its
        /// checks in the file (a repeated member number, ID number or phone fails there), so they cannot be found by the
        /// later checks. At the first failure the transaction is rolled back, before any later check: from then on every
        /// check sees the database as it was before the import, as all of them did before this overlapped. A row repeating
        /// an earlier one is so reported as the duplicate in the file it is (not as a number taken or a member already),
        /// and every row is still checked, so the report lists each bad row and column as before.
        /// </para>
        /// <para>
        /// Memory: there used to be one forced full collection between the read and the write, returning the parser's
        /// garbage before the write allocated. The two now overlap, so there is no such moment; instead, each row's sealed
        /// values are held only while its slice is in flight (a few slices), not from the first row read to the last
        /// written.
        /// </para>
        /// </summary>
        private sealed class SliceWriter(AppDbContext db, DateTimeOffset now) : IAsyncDisposable
        {
            private IDbContextTransaction? _tx;
            private IAsyncDisposable? _cache;
            private bool _connectionOpened;
            private volatile bool _stopped;
            private int _rowsDone;
            private readonly Dictionary<string, Failure?> _unitFailures = new(StringComparer.Ordinal);

            public List<RowFailure> Failures { get; } = [];
            public Dictionary<string, OrgUnit> Units { get; } = new(StringComparer.Ordinal);
            public int Created { get; private set; }
            public int Attached { get; private set; }

            /// <summary>Rows checked against the database so far (read by the progress on another thread).</summary>
            public int RowsDone => Volatile.Read(ref _rowsDone);

            /// <summary>A row failed, or the file will be refused: nothing more is written, and what was is rolled back.</summary>
            public void StopWriting() => _stopped = true;

            public async Task CheckAndWriteAsync(ChannelReader<Slice> slices, ImportProgress progress, CancellationToken ct)
            {
                await foreach (var slice in slices.ReadAllAsync(ct))
                {
                    Failures.AddRange(slice.Failures);
                    var writing = Failures.Count == 0 && !_stopped;
                    if (!writing && _tx is not null)
                    {
                        // Before this slice's checks: they, and all later ones, must not find the rows written so far.
                        await _tx.RollbackAsync(ct);
                        await _tx.DisposeAsync();
                        _tx = null;
                    }
                    var existing = await CheckAsync(slice, ct);
                    if (writing && Failures.Count == 0)
                    {
                        await WriteAsync(slice, existing, ct);
                    }
                    var done = Interlocked.Add(ref _rowsDone, slice.Rows.Length);
                    if (progress.Phase == ImportPhase.Checking)
                    {
                        // Once the file is read, the bar follows the last slices through the database.
                        progress.SetChecked(done);
                    }
                }
            }

            /// <summary>
            /// One slice against the database, in batches (one query per 1,000 values, not per row); failures are added in
            /// the order of the checks, so that each row's problems are listed as before. Answers the people found.
            /// </summary>
            private async Task<Dictionary<string, (Guid Id, bool Visible, bool Member)>> CheckAsync(Slice slice, CancellationToken ct)
            {
                var rows = slice.Rows;
                var prepared = slice.Prepared;
                var newCodes = rows.Select(r => r.UnitCode).Where(c => c.Length > 0 && !_unitFailures.ContainsKey(c)).Distinct().ToList();
                foreach (var chunk in newCodes.Chunk(Batch))
                {
                    foreach (var u in await db.OrgUnits.AsNoTracking().Where(u => chunk.Contains(u.Code)).ToListAsync(ct))
                    {
                        Units[u.Code] = u;
                    }
                }
                foreach (var code in newCodes)
                {
                    _unitFailures[code] = !Units.TryGetValue(code, out var u) ? new Failure("UnitCode", "ParentCodeUnknown", 400, code)
                        : !db.Scope.Covers(u.Path, Permission.PeopleManage) ? new Failure("UnitCode", "Forbidden", 403)
                        : u.IsClosed ? new Failure("UnitCode", "ParentClosed", 409)
                        : null;
                }
                foreach (var r in rows)
                {
                    if (r.UnitCode.Length > 0 && _unitFailures[r.UnitCode] is { } failure)
                    {
                        Failures.Add(At(r.Number, failure));
                    }
                }

                // Uniqueness across every scope (a number or ID held elsewhere still blocks): one look-up each
                // (BulkInsert.ExistingAsync).
                var numbers = rows.Select(r => r.MemberNumber).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal);
                var takenNumbers = (await db.ExistingAsync<Membership>(numbers, nameof(Membership.MemberNumber), ct)).Keys.ToHashSet(StringComparer.Ordinal);
                if (takenNumbers.Count > 0)
                {
                    Failures.AddRange(rows.Where(r => takenNumbers.Contains(r.MemberNumber))
                        .Select(r => At(r.Number, new Failure("MemberNumber", "DuplicateMemberNumber", 409, r.MemberNumber))));
                }

                var existingPeople = new Dictionary<string, (Guid Id, bool Visible, bool Member)>(StringComparer.Ordinal);
                var foundPeople = await db.ExistingAsync<Person>(prepared.Where(p => p.IdNumber is not null).Select(p => p.IdNumber!.Value.Index), nameof(Person.IdNumberIndex), ct);
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
                var phonesTaken = await db.ExistingAsync<Person>(prepared.Where(p => p.IdNumber is not null && p.Phone is not null).Select(p => p.SealedPhone!.Value.Index), nameof(Person.PhoneIndex), ct);
                if (existingPeople.Count > 0 || phonesTaken.Count > 0)
                {
                    for (var i = 0; i < rows.Length; i++)
                    {
                        ref readonly var prep = ref prepared[i];
                        if (prep.IdNumber is not { } sealedId)
                        {
                            continue;
                        }
                        var number = rows[i].Number;
                        if (existingPeople.TryGetValue(sealedId.Index, out var e))
                        {
                            if (!e.Visible)
                            {
                                Failures.Add(At(number, new Failure("IdNumber", "PersonElsewhere", 409)));
                            }
                            else if (e.Member)
                            {
                                Failures.Add(At(number, new Failure("IdNumber", "AlreadyMember", 409)));
                            }
                        }
                        if (prep.Phone is not null && phonesTaken.TryGetValue(prep.SealedPhone!.Value.Index, out var owner)
                            && (!existingPeople.TryGetValue(sealedId.Index, out var self) || self.Id != owner))
                        {
                            Failures.Add(At(number, new Failure("Phone", "DuplicatePhone", 409)));
                        }
                    }
                }
                return existingPeople;
            }

            private async Task WriteAsync(Slice slice, Dictionary<string, (Guid Id, bool Visible, bool Member)> existingPeople, CancellationToken ct)
            {
                if (_tx is null)
                {
                    // Held open until disposed, so that SQLite's larger page cache is restored on the connection it was
                    // set on (connections are pooled).
                    await db.Database.OpenConnectionAsync(ct);
                    _connectionOpened = true;
                    _tx = await db.Database.BeginTransactionAsync(ct);
                    _cache = await db.LargeWriteCacheAsync(ct);
                }
                var userName = db.Scope.UserName;
                var people = new List<Person>(slice.Rows.Length);
                var memberships = new List<Membership>(slice.Rows.Length);
                var events = new List<MembershipEvent>(slice.Rows.Length);
                for (var i = 0; i < slice.Rows.Length; i++)
                {
                    var r = slice.Rows[i];
                    ref readonly var prep = ref slice.Prepared[i];
                    var unit = Units[r.UnitCode];
                    Guid personId;
                    if (existingPeople.TryGetValue(prep.IdNumber!.Value.Index, out var e))
                    {
                        personId = e.Id;
                        Attached++;
                    }
                    else
                    {
                        var person = new Person
                        {
                            UnitId = unit.Id, Name = r.Name, Gender = prep.Id.Gender, BirthDate = prep.Id.BirthDate,
                            Ethnicity = r.Ethnicity.Length == 0 ? null : r.Ethnicity, PoliticalStatus = PoliticalStatus.LeagueMember,
                            CreatedAt = now, UpdatedAt = now,
                        };
                        SensitiveData.Protect(person, prep.Id.Value, prep.IdNumber.Value, prep.Phone, prep.SealedPhone);
                        people.Add(person);
                        personId = person.Id;
                        Created++;
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
                        ByUserName = userName, At = now,
                    });
                }
                await db.InsertAsync(people, ct);
                await db.InsertAsync(memberships, ct);
                await db.InsertAsync(events, ct);
            }

            public Task CommitAsync(CancellationToken ct) =>
                _tx?.CommitAsync(ct) ?? throw new InvalidOperationException("nothing was written");

            public async ValueTask DisposeAsync()
            {
                if (!_connectionOpened)
                {
                    return;
                }
                if (_tx is not null)
                {
                    await _tx.DisposeAsync();
                }
                if (_cache is not null)
                {
                    await _cache.DisposeAsync();
                }
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
