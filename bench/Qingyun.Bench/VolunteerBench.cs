using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Volunteering;
using Qingyun.Security;

namespace Qingyun.Bench;

/// <summary>
/// Issue 4's two targets, each on its own throwaway PostgreSQL server (see <see cref="PgCluster"/>):
/// <list type="bullet">
/// <item><c>checkin</c>: the real app as a separate process, 64 clients in this process checking volunteers in over
/// HTTP with the activity's rotating QR token, each volunteer once; then the rows are counted against the
/// answers. Beside it, the floor: pgbench inserting the same row into a copy of the table at the same concurrency.</item>
/// <item><c>totals</c>: 1,000,000 volunteers and 20,000,000 service records generated in SQL, then a volunteer's
/// total and star level read the way the app reads them, beside <c>SELECT 1</c>.</item>
/// </list>
/// </summary>
public static class VolunteerBench
{
    public sealed record Options(string[] Args)
    {
        public int Int(string name, int fallback)
        {
            var i = Array.IndexOf(Args, name);
            return i >= 0 && i + 1 < Args.Length ? int.Parse(Args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        public string? Text(string name)
        {
            var i = Array.IndexOf(Args, name);
            return i >= 0 && i + 1 < Args.Length ? Args[i + 1] : null;
        }
    }

    internal static string[] HostArgs(string connection, string folder, string dataKey, string indexKey) =>
    [
        "--Database:Provider", "Postgres", "--ConnectionStrings:Qingyun", connection, "--Database:DataFolder", folder,
        "--Logging:LogLevel:Default", "Warning", "--Security:DataKey", dataKey, "--Security:IndexKey", indexKey,
    ];

    internal static Guid Id(char prefix, long i) => Guid.ParseExact(prefix + i.ToString("x31", CultureInfo.InvariantCulture), "N");

    internal static string Sql(char prefix, string i) => $"('{prefix}' || lpad(to_hex({i}), 31, '0'))::uuid";

    internal const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    private static string Token(long i) => ApiToken.ClearPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("t" + i.ToString(CultureInfo.InvariantCulture))));

    private const string TokenSql = "'qy_' || encode(sha256(convert_to('t' || i, 'UTF8')), 'hex')";

    // ------------------------------------------------------------------ check-in throughput

    private sealed record Seed(Guid ActivityId, Guid PositionId, Guid UnitId, string OrganizerToken);

    public static async Task<string> CheckInAsync(Options o)
    {
        var clients = o.Int("--clients", 64);
        var seconds = o.Int("--seconds", 60);
        // Long enough for tiered compilation to finish: at 10 s, a perf profile still found 11 % of the app's CPU on the
        // tiering thread (framework code rejitted at tier 1), which a server that runs for days does not pay.
        var warmSeconds = o.Int("--warmup", 30);
        var initial = o.Int("--volunteers", 50_000);
        var parent = o.Text("--pgdir") ?? Path.GetTempPath();
        var appDll = o.Text("--app") ?? Path.Combine(RepoRoot(), "src", "Qingyun", "bin", "Release", "net10.0", "qingyun.dll");
        if (!File.Exists(appDll))
        {
            throw new InvalidOperationException($"{appDll} not found: dotnet build -c Release src/Qingyun first, or pass --app.");
        }
        var folder = Path.Combine(Path.GetTempPath(), "qingyun-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var dataKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var indexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var pg = await PgCluster.StartAsync(parent);
        var connection = await pg.CreateDatabaseAsync("bench");
        Console.WriteLine($"PostgreSQL on port {pg.Port} in {pg.Root}");
        await using (var conn = await Open(connection))
        {
            await Exec(conn, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }

        var app = AppHost.Build(HostArgs(connection, folder, dataKey, indexKey));
        await DataSetup.MigrateAsync(app.Services);
        var seed = await SeedActivityAsync(app.Services);
        var clock = Stopwatch.StartNew();
        await AddVolunteersAsync(connection, seed, 1, initial);
        Console.WriteLine($"  {initial:N0} volunteers with accounts, tokens and confirmed places in {clock.Elapsed.TotalSeconds:F1} s");
        var volunteers = initial;

        // The floor first, on an empty copy of the table (same columns, same indexes).
        var floor = await PgBenchAsync(pg, connection, seed, clients, seconds);
        Console.WriteLine($"  floor: {floor.Tps:N0} inserts/s, p50 {floor.P50:F2} ms, p99 {floor.P99:F2} ms");

        // The app as its own process.
        var port = FreePort();
        var appConnection = connection;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(appDll)! };
        foreach (var a in (string[])[appDll, .. HostArgs(appConnection, folder, dataKey, indexKey), "--urls", $"http://127.0.0.1:{port}"])
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment.Remove(InlineCompletions);
        using var server = Process.Start(psi)!;
        var serverLog = new StringBuilder();
        server.OutputDataReceived += (_, e) => { lock (serverLog) { serverLog.AppendLine(e.Data); } };
        server.ErrorDataReceived += (_, e) => { lock (serverLog) { serverLog.AppendLine(e.Data); } };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30),
            };
            await WaitForAsync(http, server, serverLog);
            var qr = new QrSource(http, seed);
            await qr.RefreshAsync();
            using var refreshing = new CancellationTokenSource();
            var refresher = qr.RunAsync(refreshing.Token);

            var next = 0L;
            // Warm-up: JIT, pools, caches; its rate sizes the volunteers needed for the measured run.
            var warm = await RunClientsAsync(port, qr, clients, TimeSpan.FromSeconds(warmSeconds), () => Interlocked.Increment(ref next) - 1, volunteers);
            Console.WriteLine($"  warm-up: {warm.Ok:N0} check-ins in {warmSeconds} s ({warm.Ok / (double)warmSeconds:N0}/s), {warm.Failed} failed");
            var needed = (int)(next + warm.Ok / (double)warmSeconds * seconds * 1.6) + 1000;
            if (needed > volunteers)
            {
                clock.Restart();
                await AddVolunteersAsync(connection, seed, volunteers, needed);
                Console.WriteLine($"  topped up to {needed:N0} volunteers in {clock.Elapsed.TotalSeconds:F1} s");
                volunteers = needed;
            }
            await using (var conn = await Open(connection))
            {
                await Exec(conn, "VACUUM ANALYZE");
                await Exec(conn, "CHECKPOINT");
                await Exec(conn, "SELECT pg_stat_statements_reset()");
            }

            var cpuBefore = (App: Cpu.Of(server.Id), Db: Cpu.OfCluster(pg.Root), Client: Cpu.Of(Environment.ProcessId));
            var measured = await RunClientsAsync(port, qr, clients, TimeSpan.FromSeconds(seconds), () => Interlocked.Increment(ref next) - 1, volunteers);
            var cpu = (App: Cpu.Of(server.Id) - cpuBefore.App, Db: Cpu.OfCluster(pg.Root) - cpuBefore.Db, Client: Cpu.Of(Environment.ProcessId) - cpuBefore.Client);
            await refreshing.CancelAsync();
            await refresher;
            Console.WriteLine($"  app: {measured.Ok:N0} check-ins in {measured.Elapsed.TotalSeconds:F1} s, {measured.Failed} failed");

            // Zero duplicates, zero losses: every 2xx has its row, and rows are one per (activity, volunteer).
            await using var check = await Open(connection);
            var rows = await Scalar<long>(check, $"SELECT count(*) FROM \"Attendances\" WHERE \"ActivityId\" = '{seed.ActivityId}'");
            var distinct = await Scalar<long>(check, $"SELECT count(DISTINCT \"VolunteerId\") FROM \"Attendances\" WHERE \"ActivityId\" = '{seed.ActivityId}'");
            var ids = warm.Ids.Concat(measured.Ids).ToArray();
            long found;
            await using (var cmd = new NpgsqlCommand("SELECT count(*) FROM \"Attendances\" WHERE \"Id\" = ANY(@ids)", check))
            {
                cmd.Parameters.AddWithValue("ids", ids);
                found = (long)(await cmd.ExecuteScalarAsync())!;
            }
            var already = warm.Already + measured.Already;
            var profile = await StatementsAsync(check, measured.Ok);

            var appRate = measured.Ok / measured.Elapsed.TotalSeconds;
            var r = new StringBuilder();
            r.AppendLine(CultureInfo.InvariantCulture, $"### Check-in over HTTP on Postgres: {clients} clients, {seconds} s");
            r.AppendLine();
            r.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores (shared: app, PostgreSQL, pgbench and the client on the same machine); {volunteers:N0} volunteers with confirmed places; load average before the run {LoadAverage()}.");
            r.AppendLine();
            r.AppendLine("| what | per second | p50 ms | p99 ms | ÷ floor |");
            r.AppendLine("| --- | ---: | ---: | ---: | ---: |");
            r.AppendLine(CultureInfo.InvariantCulture, $"| floor: pgbench, one INSERT of an attendance row ({floor.Count:N0} in {seconds} s) | {floor.Tps:N0} | {floor.P50:F2} | {floor.P99:F2} | 1.00 |");
            r.AppendLine(CultureInfo.InvariantCulture, $"| app: POST /api/v1/me/volunteer/check, QR token ({measured.Ok:N0} in {measured.Elapsed.TotalSeconds:F1} s) | {appRate:N0} | {measured.P50:F2} | {measured.P99:F2} | {appRate / floor.Tps:F2} |");
            r.AppendLine();
            r.AppendLine(CultureInfo.InvariantCulture, $"CPU time per operation (from /proc, user + system): app {cpu.App * 1000 / measured.Ok:F3} ms, PostgreSQL {cpu.Db * 1000 / measured.Ok:F3} ms, client {cpu.Client * 1000 / measured.Ok:F3} ms per check-in; PostgreSQL {floor.DbCpu * 1000 / floor.Count:F3} ms and pgbench {floor.ClientCpu * 1000 / floor.Count:F3} ms per floor insert. Over the measured {seconds} s the app, PostgreSQL and the client together used {(cpu.App + cpu.Db + cpu.Client) / measured.Elapsed.TotalSeconds:F2} of the {Environment.ProcessorCount} cores.");
            r.AppendLine();
            r.AppendLine(CultureInfo.InvariantCulture, $"Afterwards (warm-up {warm.Ok:N0} + measured {measured.Ok:N0} = {ids.Length:N0} answers 200 with a new attendance; {already} said \"already recorded\"; {warm.Failed + measured.Failed} failed): {rows:N0} rows for the activity, {distinct:N0} distinct volunteers, {found:N0} of the {ids.Length:N0} answered ids found. Duplicates: **{rows - distinct}**; losses: **{ids.Length - found}**; rows without an answer: **{rows - ids.Length}**.");
            r.AppendLine();
            r.AppendLine("Where the database time goes per check-in (pg_stat_statements over the measured run, top statements):");
            r.AppendLine();
            r.AppendLine("| statement | calls per check-in | mean ms | total s |");
            r.AppendLine("| --- | ---: | ---: | ---: |");
            foreach (var (query, calls, mean, total) in profile)
            {
                r.AppendLine(CultureInfo.InvariantCulture, $"| `{query}` | {calls:F2} | {mean:F3} | {total:F1} |");
            }
            if (warm.Errors.Count + measured.Errors.Count > 0)
            {
                r.AppendLine();
                r.AppendLine("Failures: " + string.Join("; ", warm.Errors.Concat(measured.Errors).GroupBy(e => e).Select(g => $"{g.Count()} × {g.Key}")));
            }
            return r.ToString();
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            lock (serverLog)
            {
                File.WriteAllText(Path.Combine(Path.GetTempPath(), "qingyun-bench-app.log"), serverLog.ToString());
            }
            NpgsqlConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<Seed> SeedActivityAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("bench");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sensitive = scope.ServiceProvider.GetRequiredService<SensitiveData>();
        var now = DateTimeOffset.UtcNow;
        var unitId = Guid.CreateVersion7();
        var unit = new OrgUnit
        {
            Id = unitId, Code = "BV", Name = "基准区团委", Kind = UnitKind.District, BodyType = LeagueBodyType.Committee,
            Path = OrgUnit.PathFor(null, unitId), Depth = 0, RootId = unitId, SortOrder = 1, CreatedAt = now,
        };
        db.OrgUnits.Add(unit);
        var organizer = new AppUser { UserName = "organizer", NormalizedUserName = "ORGANIZER", DisplayName = "组织者", HomeUnitId = unitId, CreatedAt = now };
        db.Users.Add(organizer);
        db.Grants.Add(new Grant { UserId = organizer.Id, UnitId = unitId, Role = Role.LeagueAdmin, GrantedAt = now });
        var organizerToken = ApiToken.ClearPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        db.ApiTokens.Add(new ApiToken { UserId = organizer.Id, Name = "bench", Hash = TokenAuthenticationHandler.Hash(organizerToken), Hint = "qy_bench", CreatedAt = now, ExpiresAt = now.AddDays(1) });
        var activity = new Qingyun.Domain.Activities.Activity
        {
            UnitId = unitId, Title = "基准签到活动", Place = "体育馆", StartsAt = now.AddMinutes(5), EndsAt = now.AddHours(4), State = ActivityState.Published,
            CheckInSecret = RandomNumberGenerator.GetBytes(32), CreatedAt = now, CreatedBy = "bench", PublishedAt = now,
        };
        db.Activities.Add(activity);
        // The quota is written directly (the API caps it at 10,000): every volunteer below holds a confirmed place.
        var position = new Position { ActivityId = activity.Id, UnitId = unitId, Name = "引导员", Quota = int.MaxValue, Taken = 0 };
        db.Positions.Add(position);
        // Volunteer 0, through the entities; the others are copies of its rows made in SQL.
        var birth = new DateOnly(2000, 1, 1);
        var first17 = $"330106{birth:yyyyMMdd}000";
        var idNumber = first17 + IdNumber.CheckCharFor(first17);
        var person = new Person
        {
            Id = Id('b', 0), UnitId = unitId, Name = "志愿者0", Gender = Gender.Female, BirthDate = birth,
            IdNumberCipher = sensitive.Encrypt(idNumber), IdNumberIndex = sensitive.BlindIndex("id", idNumber), IdNumberMasked = IdNumber.Mask(idNumber),
            CreatedAt = now, UpdatedAt = now,
        };
        db.People.Add(person);
        var user = new AppUser { Id = Id('c', 0), UserName = "v0", NormalizedUserName = "V0", DisplayName = "志愿者0", HomeUnitId = unitId, PersonId = person.Id, CreatedAt = now };
        db.Users.Add(user);
        db.ApiTokens.Add(new ApiToken { Id = Id('d', 0), UserId = user.Id, Name = "phone", Hash = TokenAuthenticationHandler.Hash(Token(0)), Hint = "qy_phone", CreatedAt = now, ExpiresAt = now.AddDays(1) });
        var volunteer = new Volunteer
        {
            Id = Id('a', 0), PersonId = person.Id, UnitId = unitId, Number = "202600000000", Channel = RegistrationChannel.Self,
            SensitiveConsentAt = now, RegisteredAt = now, RegisteredBy = "bench", LedgerHead = "",
        };
        db.Volunteers.Add(volunteer);
        db.SignUps.Add(new SignUp
        {
            Id = Id('e', 0), PositionId = position.Id, ActivityId = activity.Id, VolunteerId = volunteer.Id, UnitId = unitId,
            State = SignUpState.Confirmed, Sequence = 1, SignedUpAt = now,
            // Already reminded: the reminder job would otherwise spend the measured minute telling everyone.
            RemindedAt = now,
        });
        await db.SaveChangesAsync();
        return new Seed(activity.Id, position.Id, unitId, organizerToken);
    }

    /// <summary>Volunteers [from, to): each a person, an account, an API token (hashed as the app hashes it), a volunteer and a confirmed place.</summary>
    private static async Task AddVolunteersAsync(string connection, Seed seed, long from, long to)
    {
        await using var conn = await Open(connection);
        await using var tx = await conn.BeginTransactionAsync();
        await CloneAsync(conn, "People", Id('b', 0), from, to, new()
        {
            ["Id"] = Sql('b', "i"), ["Name"] = "'志愿者' || i", ["IdNumberIndex"] = "md5('id' || i)",
        });
        await CloneAsync(conn, "AspNetUsers", Id('c', 0), from, to, new()
        {
            ["Id"] = Sql('c', "i"), ["UserName"] = "'v' || i", ["NormalizedUserName"] = "'V' || i", ["PersonId"] = Sql('b', "i"),
            ["DisplayName"] = "'志愿者' || i", ["SecurityStamp"] = "md5('s' || i)",
        });
        await CloneAsync(conn, "ApiTokens", Id('d', 0), from, to, new()
        {
            ["Id"] = Sql('d', "i"), ["UserId"] = Sql('c', "i"), ["Hash"] = $"encode(sha256(convert_to({TokenSql}, 'UTF8')), 'hex')",
        });
        await CloneAsync(conn, "Volunteers", Id('a', 0), from, to, new()
        {
            ["Id"] = Sql('a', "i"), ["PersonId"] = Sql('b', "i"), ["Number"] = "'2026' || lpad(i::text, 8, '0')",
        });
        await CloneAsync(conn, "SignUps", Id('e', 0), from, to, new()
        {
            ["Id"] = Sql('e', "i"), ["VolunteerId"] = Sql('a', "i"), ["Sequence"] = "i + 1",
        });
        await Exec(conn, $"UPDATE \"Positions\" SET \"Taken\" = {to} WHERE \"Id\" = '{seed.PositionId}'");
        await tx.CommitAsync();
        await Exec(conn, "ANALYZE");
    }

    /// <summary>Copies the row <paramref name="template"/> of <paramref name="table"/> for i in [from, to), with some columns rewritten.</summary>
    private static async Task CloneAsync(NpgsqlConnection conn, string table, Guid template, long from, long to, Dictionary<string, string> overrides)
    {
        var columns = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_name = @t ORDER BY ordinal_position", conn))
        {
            cmd.Parameters.AddWithValue("t", table);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }
        var missing = overrides.Keys.Except(columns).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"{table} has no column {string.Join(", ", missing)}");
        }
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", columns.Select(c => overrides.TryGetValue(c, out var e) ? e : $"t.\"{c}\""));
        await Exec(conn, $"INSERT INTO \"{table}\" ({names}) SELECT {values} FROM \"{table}\" t, generate_series({from}::bigint, {to - 1}::bigint) i WHERE t.\"Id\" = '{template}'");
    }

    private sealed record Floor(double Tps, double P50, double P99, long Count, double DbCpu, double ClientCpu);

    private static async Task<Floor> PgBenchAsync(PgCluster pg, string connection, Seed seed, int clients, int seconds)
    {
        await using (var conn = await Open(connection))
        {
            await Exec(conn, "DROP TABLE IF EXISTS bench_floor; CREATE TABLE bench_floor (LIKE \"Attendances\" INCLUDING ALL)");
            // As before the app's run: the seeding's inserts would otherwise set autovacuum off in the middle of the
            // floor's 20 or 60 s, some runs and not others, taking the cores from pgbench and adding its CPU to the floor's.
            await Exec(conn, "VACUUM ANALYZE");
            await Exec(conn, "CHECKPOINT");
        }
        var dir = Path.Combine(pg.Root, "pgbench");
        Directory.CreateDirectory(dir);
        var script = Path.Combine(dir, "insert.sql");
        // The row the app writes on check-in: new id, the activity, position, volunteer, unit, time, method, state.
        await File.WriteAllTextAsync(script,
            "INSERT INTO bench_floor (\"Id\", \"ActivityId\", \"PositionId\", \"VolunteerId\", \"UnitId\", \"CheckedInAt\", \"CheckInMethod\", \"State\", \"Minutes\") "
            + $"VALUES (gen_random_uuid(), '{seed.ActivityId}', '{seed.PositionId}', gen_random_uuid(), '{seed.UnitId}', now(), 1, 1, 0);\n");
        var backendsBefore = await Cpu.SettleAsync(pg.Root);
        var dbBefore = Cpu.OfCluster(pg.Root);
        var clientBefore = Cpu.Children();
        var output = await PgCluster.Run(Path.Combine(PgCluster.BinDirectory, "pgbench"),
            ["-h", "127.0.0.1", "-p", pg.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-n", "-c", clients.ToString(CultureInfo.InvariantCulture),
             "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture), "-f", script, "-l", "--log-prefix", Path.Combine(dir, "log"), "bench"], dir);
        // pgbench's 64 backends exit as it does; one read between leaving /proc and being reaped into the postmaster's
        // children's time is counted nowhere (the floor's database CPU once read 0.02 ms an insert, a fifth of the truth).
        await Cpu.SettleAsync(pg.Root, backendsBefore);
        var dbCpu = Cpu.OfCluster(pg.Root) - dbBefore;
        var clientCpu = Cpu.Children() - clientBefore;
        Console.WriteLine(output);
        var tps = double.Parse(output.Split('\n').First(l => l.StartsWith("tps = ", StringComparison.Ordinal))["tps = ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
        var latencies = new List<double>();
        foreach (var file in Directory.GetFiles(dir, "log*"))
        {
            foreach (var line in File.ReadLines(file))
            {
                latencies.Add(long.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture) / 1000.0);
            }
        }
        latencies.Sort();
        await using (var conn = await Open(connection))
        {
            await Exec(conn, "DROP TABLE bench_floor; CHECKPOINT");
        }
        Directory.Delete(dir, recursive: true);
        return new Floor(tps, Pct(latencies, 0.50), Pct(latencies, 0.99), latencies.Count, dbCpu, clientCpu);
    }

    private sealed class QrSource(HttpClient http, Seed seed)
    {
        private volatile string _token = "";

        public string Token => _token;

        public async Task RefreshAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/activities/{seed.ActivityId}/code");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", seed.OrganizerToken);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            _token = doc.RootElement.GetProperty("token").GetString()!;
        }

        /// <summary>The QR code rotates every 30 s; the organizer's screen is read again every 20 s.</summary>
        public async Task RunAsync(CancellationToken ct)
        {
            try
            {
                while (true)
                {
                    await Task.Delay(TimeSpan.FromSeconds(20), ct);
                    await RefreshAsync();
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private sealed record Run(long Ok, long Already, long Failed, TimeSpan Elapsed, double P50, double P99, Guid[] Ids, List<string> Errors);

    private static async Task<Run> RunClientsAsync(int port, QrSource qr, int clients, TimeSpan duration, Func<long> nextVolunteer, long volunteers)
    {
        var ids = new ConcurrentBag<Guid>();
        var errors = new ConcurrentBag<string>();
        var latencies = new List<double>[clients];
        long ok = 0, already = 0, failed = 0;
        var ranOut = false;
        // A server that stops answering fails the run instead of hanging it.
        using var overdue = new CancellationTokenSource(duration + TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<double>(100_000);
            PlainHttp? connection = null;
            try
            {
                while (clock.Elapsed < duration)
                {
                    var i = nextVolunteer();
                    if (i >= volunteers)
                    {
                        ranOut = true;
                        return;
                    }
                    var body = JsonSerializer.Serialize(new { token = qr.Token, direction = "In" });
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        connection ??= await PlainHttp.OpenAsync(port, overdue.Token);
                        var (status, answer, keepAlive) = await connection.PostJsonAsync("/api/v1/me/volunteer/check", Token(i), body, overdue.Token);
                        mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        if (!keepAlive)
                        {
                            connection.Dispose();
                            connection = null;
                        }
                        if (status is < 200 or > 299)
                        {
                            Interlocked.Increment(ref failed);
                            var text = Encoding.UTF8.GetString(answer);
                            errors.Add($"{status} {text[..Math.Min(text.Length, 200)]}");
                            continue;
                        }
                        using var doc = JsonDocument.Parse(answer);
                        if (doc.RootElement.GetProperty("alreadyRecorded").GetBoolean())
                        {
                            Interlocked.Increment(ref already);
                        }
                        else
                        {
                            ids.Add(doc.RootElement.GetProperty("id").GetGuid());
                            Interlocked.Increment(ref ok);
                        }
                    }
                    catch (Exception e) when (e is IOException or SocketException)
                    {
                        Interlocked.Increment(ref failed);
                        errors.Add(e.Message);
                        connection?.Dispose();
                        connection = null;
                    }
                    catch (OperationCanceledException)
                    {
                        Interlocked.Increment(ref failed);
                        errors.Add("timeout");
                        return;
                    }
                }
            }
            finally
            {
                connection?.Dispose();
            }
        })).ToList();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        if (ranOut)
        {
            throw new InvalidOperationException($"ran out of volunteers after {elapsed.TotalSeconds:F1} s: raise --volunteers");
        }
        var all = latencies.SelectMany(l => l).ToList();
        all.Sort();
        return new Run(ok, already, failed, elapsed, Pct(all, 0.50), Pct(all, 0.99), [.. ids], [.. errors]);
    }

    private static async Task<List<(string Query, double Calls, double Mean, double Total)>> StatementsAsync(NpgsqlConnection conn, long checkIns)
    {
        var rows = new List<(string, double, double, double)>();
        await using var cmd = new NpgsqlCommand(
            "SELECT query, calls, mean_exec_time, total_exec_time FROM pg_stat_statements WHERE calls > @min ORDER BY total_exec_time DESC LIMIT 12", conn);
        // Groups of a few dozen: a statement run once per group is still a large share of the work.
        cmd.Parameters.AddWithValue("min", checkIns / 1000);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var q = System.Text.RegularExpressions.Regex.Replace(reader.GetString(0), @"\s+", " ");
            q = q.Replace("|", "\\|", StringComparison.Ordinal);
            rows.Add((q.Length > 160 ? q[..160] + "…" : q, reader.GetInt64(1) / (double)Math.Max(1, checkIns), reader.GetDouble(2), reader.GetDouble(3) / 1000));
        }
        return rows;
    }

    internal static async Task WaitForAsync(HttpClient http, Process server, StringBuilder log)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException("the app exited:\n" + log);
            }
            try
            {
                using var r = await http.GetAsync("/healthz");
                if (r.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new InvalidOperationException("the app did not answer /healthz:\n" + log);
    }

    // ------------------------------------------------------------------ totals at 1M volunteers / 20M records

    public static async Task<string> TotalsAsync(Options o)
    {
        var volunteers = o.Int("--volunteers", 1_000_000);
        var perVolunteer = o.Int("--records-each", 20);
        var samples = o.Int("--samples", 10_000);
        var parent = o.Text("--pgdir") ?? Path.GetTempPath();
        var folder = Path.Combine(Path.GetTempPath(), "qingyun-bench-" + Guid.NewGuid().ToString("N")[..8]);
        await using var pg = await PgCluster.StartAsync(parent);
        var connection = await pg.CreateDatabaseAsync("bench");
        Console.WriteLine($"PostgreSQL on port {pg.Port} in {pg.Root}");
        var app = AppHost.Build(HostArgs(connection, folder, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        await DataSetup.MigrateAsync(app.Services);
        var stars = app.Services.GetRequiredService<StarLevels>();
        Guid unitId;
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("bench");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = DateTimeOffset.UtcNow;
            unitId = Guid.CreateVersion7();
            db.OrgUnits.Add(new OrgUnit
            {
                Id = unitId, Code = "BV", Name = "基准区团委", Kind = UnitKind.District, BodyType = LeagueBodyType.Committee,
                Path = OrgUnit.PathFor(null, unitId), Depth = 0, RootId = unitId, SortOrder = 1, CreatedAt = now,
            });
            db.People.Add(new Person { Id = Id('b', 0), UnitId = unitId, Name = "志愿者0", Gender = Gender.Male, BirthDate = new DateOnly(2000, 1, 1), IdNumberIndex = "x", CreatedAt = now, UpdatedAt = now });
            db.Volunteers.Add(new Volunteer
            {
                Id = Id('a', 0), PersonId = Id('b', 0), UnitId = unitId, Number = "202600000000", Channel = RegistrationChannel.Self,
                SensitiveConsentAt = now, RegisteredAt = now, RegisteredBy = "bench", LedgerHead = "",
            });
            await db.SaveChangesAsync();
        }
        var records = (long)volunteers * perVolunteer;
        var steps = new List<(string, double)>();
        var total = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        // Volunteer v's line s (1-based) is ((v % 300) + 1) * 15 + s minutes, so the head is known in closed form:
        // ConfirmedMinutes = 15 * ((v % 300) + 1) * n + n(n+1)/2, from 5 to 1,500 hours; stars from the default thresholds
        // (100/300/600/1000/1500 h; five stars need a nomination, so four at most here).
        var n = perVolunteer;
        var minutes = $"(15 * ((i % 300) + 1) * {n} + {n * (n + 1) / 2})";
        var starsSql = string.Join(" + ", StarLevels.DefaultHours.Take(4).Select(h => $"(CASE WHEN {minutes} >= {h * 60} THEN 1 ELSE 0 END)"));
        string Hash(string g) => $"md5(({g})::text) || md5((-({g}))::text)";
        await using (var conn = await Open(connection))
        {
            await Exec(conn, "SET session_replication_role = replica"); // no FK triggers: the rows are consistent by construction
            await CloneAsync(conn, "People", Id('b', 0), 1, volunteers, new() { ["Id"] = Sql('b', "i"), ["Name"] = "'志愿者' || i", ["IdNumberIndex"] = "md5('id' || i)" });
            await Exec(conn, "DELETE FROM \"Volunteers\"");
            var template = new Dictionary<string, string>
            {
                ["Id"] = Sql('a', "i"), ["PersonId"] = Sql('b', "i"), ["Number"] = "'2026' || lpad(i::text, 8, '0')", ["UnitId"] = $"'{unitId}'",
                ["Channel"] = "1", ["Status"] = "1", ["SensitiveConsentAt"] = "now()", ["RegisteredAt"] = "now()", ["RegisteredBy"] = "'bench'",
                ["Skills"] = "0", ["Availability"] = "0", ["ServiceAreas"] = "1", ["TrainingMinutes"] = "0",
                ["ConfirmedMinutes"] = minutes, ["EntryCount"] = n.ToString(CultureInfo.InvariantCulture),
                ["LedgerHead"] = Hash($"i * {n} + {n - 1}"), ["Stars"] = starsSql,
            };
            var cols = string.Join(", ", template.Keys.Select(k => $"\"{k}\""));
            await Exec(conn, $"INSERT INTO \"Volunteers\" ({cols}) SELECT {string.Join(", ", template.Values)} FROM generate_series(0::bigint, {volunteers - 1}::bigint) i");
        }
        steps.Add(($"{volunteers:N0} people and volunteers (INSERT … SELECT generate_series)", clock.Elapsed.TotalSeconds));

        // 20M lines: secondary indexes dropped (the primary key stays: other tables refer to it; the ids are ascending), two INSERT … SELECT in parallel (one per core), then rebuilt.
        clock.Restart();
        List<string> indexes, keys;
        await using (var conn = await Open(connection))
        {
            indexes = await Strings(conn, "SELECT indexdef FROM pg_indexes WHERE tablename = 'ServiceEntries' AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = '\"ServiceEntries\"'::regclass)");
            keys = [];
            foreach (var name in await Strings(conn, "SELECT indexname FROM pg_indexes WHERE tablename = 'ServiceEntries' AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = '\"ServiceEntries\"'::regclass)"))
            {
                await Exec(conn, $"DROP INDEX \"{name}\"");
            }
        }
        var entry = new Dictionary<string, string>
        {
            ["Id"] = Sql('f', "g"), ["VolunteerId"] = Sql('a', $"g / {n}"), ["UnitId"] = $"'{unitId}'", ["Kind"] = ((int)EntryKind.Manual).ToString(CultureInfo.InvariantCulture),
            ["Minutes"] = $"15 * (((g / {n}) % 300) + 1) + (g % {n}) + 1", ["ServiceDate"] = "date '2020-01-01' + (g % 1800)::int", ["Content"] = "'社区服务（引导员）'",
            ["Reason"] = "'补录'", ["RecordedBy"] = "'bench'", ["RecordedAt"] = "timestamptz '2020-01-01' + g * interval '1 second'",
            ["Sequence"] = $"(g % {n}) + 1", ["PreviousHash"] = $"CASE WHEN g % {n} = 0 THEN '' ELSE {Hash("g - 1")} END", ["Hash"] = Hash("g"),
        };
        var entryCols = string.Join(", ", entry.Keys.Select(k => $"\"{k}\""));
        var half = records / 2;
        await Task.WhenAll(new[] { (0L, half), (half, records) }.Select(async range =>
        {
            await using var conn = await Open(connection);
            await Exec(conn, "SET session_replication_role = replica");
            await Exec(conn, $"INSERT INTO \"ServiceEntries\" ({entryCols}) SELECT {string.Join(", ", entry.Values)} FROM generate_series({range.Item1}::bigint, {range.Item2 - 1}::bigint) g");
        }));
        steps.Add(($"{records:N0} service records (INSERT … SELECT, 2 in parallel, primary key only)", clock.Elapsed.TotalSeconds));
        clock.Restart();
        await using (var conn = await Open(connection))
        {
            foreach (var ddl in keys.Concat(indexes))
            {
                await Exec(conn, ddl);
            }
        }
        steps.Add(($"{indexes.Count} secondary indexes on the records rebuilt", clock.Elapsed.TotalSeconds));
        clock.Restart();
        await using (var conn = await Open(connection))
        {
            foreach (var sql in (string[])["VACUUM ANALYZE \"Volunteers\"", "VACUUM ANALYZE \"People\"", "VACUUM ANALYZE \"ServiceEntries\"", "CHECKPOINT"])
            {
                await Exec(conn, sql);
            }
        }
        steps.Add(("VACUUM ANALYZE, CHECKPOINT", clock.Elapsed.TotalSeconds));
        var generation = total.Elapsed.TotalSeconds;

        // Consistency: the head equals the sum of the lines, for a sample; and the star levels agree with StarLevels.
        var rng = new Random(4);
        var check = new List<string>();
        await using (var conn = await Open(connection))
        {
            var counts = await Strings(conn, "SELECT (SELECT count(*) FROM \"Volunteers\")::text || ' ' || (SELECT count(*) FROM \"ServiceEntries\")::text");
            check.Add(counts[0]);
            for (var k = 0; k < 200; k++)
            {
                var v = rng.Next(volunteers);
                var row = await Strings(conn, $"SELECT v.\"ConfirmedMinutes\" || ' ' || v.\"Stars\" || ' ' || (SELECT sum(\"Minutes\") FROM \"ServiceEntries\" e WHERE e.\"VolunteerId\" = v.\"Id\") || ' ' || v.\"EntryCount\" FROM \"Volunteers\" v WHERE v.\"Id\" = '{Id('a', v)}'");
                var p = row[0].Split(' ');
                if (p[0] != p[2] || int.Parse(p[1], CultureInfo.InvariantCulture) != stars.For(long.Parse(p[0], CultureInfo.InvariantCulture), false) || p[3] != n.ToString(CultureInfo.InvariantCulture))
                {
                    throw new InvalidOperationException($"volunteer {v}: head {row[0]} disagrees with the lines");
                }
            }
        }
        Console.WriteLine($"  generated in {generation:F0} s; {check[0]} rows; 200 sampled heads match their lines; database {pg.SizeGb():F1} GB");

        var grant = new ScopeGrant(Guid.NewGuid(), unitId, OrgUnit.PathFor(null, unitId), "BV", "基准区团委", Role.LeagueAdmin);
        var pick = Enumerable.Range(0, samples).Select(_ => (long)rng.Next(volunteers)).ToArray();
        async Task<(double P50, double P99)> Time(string name, Func<IServiceProvider, long, Task> work, int count)
        {
            for (var w = 0; w < 200; w++)
            {
                using var scope = app.Services.CreateScope();
                scope.ServiceProvider.GetRequiredService<CurrentScope>().Load(Guid.NewGuid(), "bench", [grant]);
                await work(scope.ServiceProvider, pick[w % pick.Length]);
            }
            var times = new List<double>(count);
            for (var k = 0; k < count; k++)
            {
                using var scope = app.Services.CreateScope();
                scope.ServiceProvider.GetRequiredService<CurrentScope>().Load(Guid.NewGuid(), "bench", [grant]);
                var started = Stopwatch.GetTimestamp();
                await work(scope.ServiceProvider, pick[k]);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"  {name,-60} p50 {Pct(times, 0.5):F3} ms  p99 {Pct(times, 0.99):F3} ms");
            return (Pct(times, 0.5), Pct(times, 0.99));
        }
        object? sink = null;
        var rows = new List<(string Name, int Count, (double P50, double P99) T)>
        {
            ("floor: `SELECT 1` through the same DbContext (pooled connection)", samples,
                await Time("floor SELECT 1", (sp, _) => sp.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("SELECT 1"), samples)),
            ("GET /api/v1/volunteers/{id}'s read: the volunteer row by id through the scope filter, total and stars, hours to the next star", samples,
                await Time("by id (scope filter) + view", async (sp, v) =>
                {
                    var db = sp.GetRequiredService<AppDbContext>();
                    var id = Id('a', v);
                    var row = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id) ?? throw new InvalidOperationException("missing volunteer");
                    sink = VolunteeringSetup.VolunteerView(row, stars);
                }, samples)),
            ("by volunteer number (志愿者编号), the head only: total, count, stars, last hash", samples,
                await Time("by number, head only", async (sp, v) =>
                {
                    var db = sp.GetRequiredService<AppDbContext>();
                    var number = "2026" + v.ToString("D8", CultureInfo.InvariantCulture);
                    var head = await db.Volunteers.IgnoreQueryFilters().AsNoTracking().Where(x => x.Number == number)
                        .Select(x => new { x.ConfirmedMinutes, x.EntryCount, x.Stars, x.LedgerHead }).FirstAsync();
                    sink = stars.HoursToNext(head.ConfirmedMinutes);
                }, samples)),
            ("for contrast, not what the app does: summing the volunteer's lines", 1_000,
                await Time("sum of lines", async (sp, v) =>
                {
                    var db = sp.GetRequiredService<AppDbContext>();
                    var id = Id('a', v);
                    sink = await db.ServiceEntries.IgnoreQueryFilters().Where(e => e.VolunteerId == id).SumAsync(e => (long)e.Minutes);
                }, 1_000)),
        };
        GC.KeepAlive(sink);
        var floor = rows[0].T.P50;
        var r = new StringBuilder();
        r.AppendLine(CultureInfo.InvariantCulture, $"### Totals and stars on Postgres: {volunteers:N0} volunteers, {records:N0} service records");
        r.AppendLine();
        r.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores; database {pg.SizeGb():F1} GB after generation; {samples:N0} random volunteers per read (1,000 for the sum), each in a fresh scope and DbContext as in a request, after 200 warm-ups; load average {LoadAverage()}.");
        r.AppendLine();
        r.AppendLine("| read | p50 ms | p99 ms | p50 ÷ floor |");
        r.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var (name, _, t) in rows)
        {
            r.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {t.P50:F3} | {t.P99:F3} | {t.P50 / floor:F1} |");
        }
        r.AppendLine();
        r.AppendLine(CultureInfo.InvariantCulture, $"Generation took {generation:F0} s in all:");
        r.AppendLine();
        r.AppendLine("| step | s |");
        r.AppendLine("| --- | ---: |");
        foreach (var (step, s) in steps)
        {
            r.AppendLine(CultureInfo.InvariantCulture, $"| {step} | {s:F0} |");
        }
        r.AppendLine();
        r.AppendLine("Checked after generation: row counts, and for 200 random volunteers the head (ConfirmedMinutes, EntryCount) equals the sum and count of their lines and Stars equals StarLevels.For.");
        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return r.ToString();
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>CPU seconds (user + system) from /proc: a process, the children this process waited for, or a whole PostgreSQL cluster.</summary>
    private static class Cpu
    {
        /// <summary>A process's line in /proc: its state, parent, own CPU seconds and its reaped children's.</summary>
        private readonly record struct Stat(string State, int Parent, double Own, double Reaped);

        private static Stat Read(int pid)
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // rest[0] is field 3 (state), rest[1] field 4 (ppid); utime, stime, cutime, cstime are fields 14-17.
            double Seconds(int i) => double.Parse(rest[i], CultureInfo.InvariantCulture) / 100;
            return new Stat(rest[0], int.Parse(rest[1], CultureInfo.InvariantCulture), Seconds(11) + Seconds(12), Seconds(13) + Seconds(14));
        }

        public static double Of(int pid)
        {
            var s = Read(pid);
            return s.Own + s.Reaped;
        }

        public static double Children() => Read(Environment.ProcessId).Reaped;

        /// <summary>The postmaster's children as /proc shows them now (one that vanishes while being read is left out).</summary>
        private static List<Stat> Backends(int postmaster)
        {
            var found = new List<Stat>();
            foreach (var dir in Directory.GetDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(dir), out var pid))
                {
                    try
                    {
                        if (Read(pid) is { } s && s.Parent == postmaster)
                        {
                            found.Add(s);
                        }
                    }
                    catch (IOException)
                    {
                    }
                }
            }
            return found;
        }

        /// <summary>
        /// Waits (up to five seconds) until no backend is on its way out: none exited and unreaped, and the number running
        /// at most <paramref name="atMost"/> and the same twice in a row. Returns that number.
        /// </summary>
        public static async Task<int> SettleAsync(string root, int atMost = int.MaxValue)
        {
            var postmaster = Postmaster(root);
            var last = -1;
            for (var i = 0; i < 50; i++)
            {
                var backends = Backends(postmaster);
                var running = backends.Count(b => b.State != "Z");
                if (running == backends.Count && running <= atMost && running == last)
                {
                    return running;
                }
                last = running;
                await Task.Delay(100);
            }
            return last;
        }

        private static int Postmaster(string root) => int.Parse(File.ReadLines(Path.Combine(root, "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture);

        /// <summary>The postmaster with its exited children, plus every live backend.</summary>
        public static double OfCluster(string root)
        {
            var postmaster = Postmaster(root);
            return Of(postmaster) + Backends(postmaster).Sum(b => b.Own);
        }
    }

    internal static double Pct(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * p) - 1)];

    internal static async Task<NpgsqlConnection> Open(string connection)
    {
        var b = new NpgsqlConnectionStringBuilder(connection) { CommandTimeout = 0, Pooling = false };
        var conn = new NpgsqlConnection(b.ConnectionString);
        await conn.OpenAsync();
        return conn;
    }

    internal static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    internal static async Task<T> Scalar<T>(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    internal static async Task<List<string>> Strings(NpgsqlConnection conn, string sql)
    {
        var list = new List<string>();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }
        return list;
    }

    internal static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }

    internal static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Qingyun.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
