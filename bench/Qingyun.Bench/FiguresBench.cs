using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Domain.Rosters;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Indicators;
using Qingyun.Features.Indicators.Summary;
using Qingyun.Security;
using static Qingyun.Bench.VolunteerBench;

namespace Qingyun.Bench;

/// <summary>
/// Issue 8's targets on a throwaway PostgreSQL server (see <see cref="PgCluster"/>): a city (root → districts → streets →
/// communities) with people, members, volunteers, their hours record, and volunteer and youth activities with who took
/// part, all generated in SQL; the roll-ups filled by <see cref="Rebuild.RunAsync"/>; then the dashboard of the city, of
/// one district (a tenth of the city) and of one community, each in a fresh scope as a city League admin, beside
/// <c>SELECT 1</c>; the same over HTTP; and the city's annual summary (draft, numbers, .docx, PDF).
/// </summary>
public static class FiguresBench
{
    // Deterministic ids, so every generated row can name its unit, person, volunteer or activity by arithmetic in SQL.
    private const char UnitPrefix = '9', PersonPrefix = 'b', MemberPrefix = '7', VolunteerPrefix = 'a', EntryPrefix = 'f', ActivityPrefix = '5', ParticipationPrefix = '3';

    /// <summary>The eight activity categories the Hubs migration seeds.</summary>
    private const string CategorySql = "('0197a000-0000-7000-8000-00000000000' || (1 + (i / 2) % 8))::uuid";

    public static async Task<string> RunAsync(Options o)
    {
        var people = o.Int("--people", 2_000_000);
        var records = (long)o.Int("--records", 20_000_000);
        var activities = o.Int("--activities", 500_000);
        var districts = o.Int("--districts", 10);
        var streetsEach = o.Int("--streets", 12);
        var communitiesEach = o.Int("--communities", 15);
        var runs = o.Int("--runs", 200);
        var summaryRuns = o.Int("--summary-runs", 5);
        var parent = o.Text("--pgdir") ?? Path.GetTempPath();
        // A share of the people are League members (2 in 5) and volunteers (1 in 4); each volunteer has records / volunteers lines.
        var members = people * 2 / 5;
        var volunteers = Math.Max(1, people / 4);
        var perVolunteer = (int)Math.Max(1, records / volunteers);
        records = (long)volunteers * perVolunteer;
        var streets = districts * streetsEach;
        var communities = streets * communitiesEach;
        var perCommunity = people / communities;
        var perActivity = Math.Min(10, Math.Max(1, perCommunity - 1));
        if (perCommunity < 2)
        {
            throw new InvalidOperationException($"{people} people over {communities} communities: too few to take part in activities.");
        }
        var districtBase = 1;
        var streetFirst = districtBase + districts;
        var communityFirst = streetFirst + streets;
        string CommunityOf(string k) => Sql(UnitPrefix, $"{communityFirst} + ({k})");
        string StreetOf(string k) => Sql(UnitPrefix, $"{streetFirst} + ({k})");

        var folder = Path.Combine(Path.GetTempPath(), "qingyun-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var reuse = o.Text("--reuse");
        await using var pg = reuse is null ? await PgCluster.StartAsync(parent) : await PgCluster.AttachAsync(reuse);
        pg.Keep = reuse is not null || o.Args.Contains("--keep");
        var connection = reuse is null ? await pg.CreateDatabaseAsync("bench") : pg.ConnectionString("bench");
        Console.WriteLine($"PostgreSQL on port {pg.Port} in {pg.Root}{(pg.Keep ? " (kept at the end)" : "")}");
        var port = FreePort();
        var app = AppHost.Build([.. HostArgs(connection, folder, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
            "--urls", $"http://127.0.0.1:{port}"]);
        await DataSetup.MigrateAsync(app.Services);
        var steps = new List<(string Step, double Seconds)>();
        var total = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();

        // The tree, through EF as the app writes units: ids from arithmetic, paths from the parents.
        var now = DateTimeOffset.UtcNow;
        var tree = new List<OrgUnit>();
        OrgUnit Unit(OrgUnit? parentUnit, long n, string code, string name, UnitKind kind, LeagueBodyType body, int sort)
        {
            var id = Id(UnitPrefix, n);
            var u = new OrgUnit
            {
                Id = id, ParentId = parentUnit?.Id, Code = code, Name = name, Kind = kind, BodyType = body, Path = OrgUnit.PathFor(parentUnit, id),
                Depth = parentUnit is null ? 0 : parentUnit.Depth + 1, RootId = parentUnit?.RootId ?? id, SortOrder = sort, CreatedAt = now,
            };
            tree.Add(u);
            return u;
        }
        var city = Unit(null, 0, "C", "基准市团委", UnitKind.City, LeagueBodyType.Committee, 1);
        OrgUnit? firstDistrict = null, firstCommunity = null;
        for (var d = 0; d < districts; d++)
        {
            var district = Unit(city, districtBase + d, $"C{d + 1:00}", $"第{d + 1}区团委", UnitKind.District, LeagueBodyType.Committee, d + 1);
            firstDistrict ??= district;
            for (var s = 0; s < streetsEach; s++)
            {
                var sk = d * streetsEach + s;
                var street = Unit(district, streetFirst + sk, $"C{d + 1:00}{s + 1:00}", $"第{d + 1}区第{s + 1}街道团工委", UnitKind.Street, LeagueBodyType.WorkingCommittee, s + 1);
                for (var m = 0; m < communitiesEach; m++)
                {
                    var community = Unit(street, communityFirst + sk * communitiesEach + m, $"C{d + 1:00}{s + 1:00}{m + 1:00}",
                        $"{d + 1}-{s + 1} 第{m + 1}社区团委", UnitKind.Community, LeagueBodyType.CommunityCommittee, m + 1);
                    firstCommunity ??= community;
                }
            }
        }
        // Generated and rolled up once; a kept cluster (--keep) is timed again with --reuse.
        double generation = 0, rebuildSeconds = 0, size = pg.SizeGb();
        var rebuildNote = "";
        (int Cells, int Subjects) rebuilt = default;
        if (reuse is null)
        {
            // One template row per generated table, written through EF so every column holds what the app would store;
            // the SQL below copies it with the columns that vary rewritten, and the templates go at the end.
            var template = (Person: Guid.NewGuid(), Member: Guid.NewGuid(), Volunteer: Guid.NewGuid(), Entry: Guid.NewGuid(), Activity: Guid.NewGuid(), Participation: Guid.NewGuid());
            using (var scope = app.Services.CreateScope())
            {
                scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("bench");
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                db.OrgUnits.AddRange(tree);
                await db.SaveChangesAsync();
                db.People.Add(new Person
                {
                    Id = template.Person, UnitId = city.Id, Name = "模板", Gender = Gender.Male, BirthDate = new DateOnly(2000, 1, 1), IdNumberIndex = "template",
                    PoliticalStatus = PoliticalStatus.LeagueMember, CreatedAt = now, UpdatedAt = now,
                });
                db.Memberships.Add(new Membership
                {
                    Id = template.Member, PersonId = template.Person, UnitId = city.Id, MemberNumber = "template", JoinedOn = new DateOnly(2020, 5, 4),
                    JoinedUnitId = city.Id, JoinedUnitName = city.Name, Status = MemberStatus.Registered, CreatedAt = now, UpdatedAt = now,
                });
                db.Volunteers.Add(new Volunteer
                {
                    Id = template.Volunteer, PersonId = template.Person, UnitId = city.Id, Number = "T00000000000", Channel = RegistrationChannel.Self, Status = VolunteerStatus.Active,
                    SensitiveConsentAt = now, RegisteredAt = now, RegisteredBy = "bench", LedgerHead = "",
                });
                db.ServiceEntries.Add(new ServiceEntry
                {
                    Id = template.Entry, VolunteerId = template.Volunteer, UnitId = city.Id, Kind = EntryKind.Manual, Minutes = 60, ServiceDate = new DateOnly(2025, 1, 1),
                    Content = "社区服务（引导员）", Reason = "补录", RecordedBy = "bench", RecordedAt = now, Sequence = 1, PreviousHash = "", Hash = "template",
                });
                db.Activities.Add(new Activity
                {
                    Id = template.Activity, UnitId = city.Id, Kind = ActivityKind.Youth, Title = "模板", Place = "社区活动室", StartsAt = now, EndsAt = now.AddHours(2),
                    State = ActivityState.Published, CheckInSecret = RandomNumberGenerator.GetBytes(32), CreatedAt = now, CreatedBy = "bench", PublishedAt = now,
                    AttendanceMode = AttendanceMode.List,
                });
                db.Participations.Add(new Participation
                {
                    Id = template.Participation, ActivityId = template.Activity, PersonId = template.Person, UnitId = city.Id, At = now, Method = ParticipationMethod.List, RecordedBy = "bench",
                });
                await db.SaveChangesAsync();
            }
            steps.Add(($"{tree.Count:N0} units (1 city, {districts} districts, {streets:N0} streets, {communities:N0} communities) and one template row per table, through EF", clock.Elapsed.TotalSeconds));

            // Secondary indexes off while the rows go in (the primary keys stay; the ids ascend), rebuilt after.
            clock.Restart();
            string[] tables = ["People", "Memberships", "Volunteers", "ServiceEntries", "Activities", "Participations"];
            var indexes = new List<string>();
            await using (var conn = await Open(connection))
            {
                foreach (var table in tables)
                {
                    var own = $"indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = '\"{table}\"'::regclass)";
                    indexes.AddRange(await Strings(conn, $"SELECT indexdef FROM pg_indexes WHERE tablename = '{table}' AND {own}"));
                    foreach (var name in await Strings(conn, $"SELECT indexname FROM pg_indexes WHERE tablename = '{table}' AND {own}"))
                    {
                        await Exec(conn, $"DROP INDEX \"{name}\"");
                    }
                }
            }

            // Person i lives in community i % C, so district 1 (communities 0 … S·M−1) holds exactly its share.
            await FillAsync(connection, "People", template.Person, people, 2, new()
            {
                ["Id"] = Sql(PersonPrefix, "i"), ["UnitId"] = CommunityOf($"i % {communities}"), ["Name"] = "'青年' || i", ["Gender"] = "1 + i % 2",
                ["BirthDate"] = "date '1995-01-01' + (i % 5000)::int", ["IdNumberIndex"] = "md5('id' || i)",
            });
            steps.Add(($"{people:N0} people, one community each", clock.Elapsed.TotalSeconds));
            clock.Restart();
            // Members: people 0 … 2/5·N−1, admitted over 2014 … 2026 by the branch they are in; 1 in 20 of each community has left.
            await FillAsync(connection, "Memberships", template.Member, members, 2, new()
            {
                ["Id"] = Sql(MemberPrefix, "i"), ["PersonId"] = Sql(PersonPrefix, "i"), ["UnitId"] = CommunityOf($"i % {communities}"),
                ["JoinedUnitId"] = CommunityOf($"i % {communities}"), ["MemberNumber"] = "'M' || lpad(i::text, 10, '0')",
                ["JoinedOn"] = "date '2014-01-01' + ((i * 7) % 4700)::int", ["Status"] = $"CASE WHEN (i / {communities}) % 20 = 19 THEN {(int)MemberStatus.Left} ELSE {(int)MemberStatus.Registered} END",
            });
            steps.Add(($"{members:N0} League members (2 in 5 people), joined 2014–2026", clock.Elapsed.TotalSeconds));
            clock.Restart();
            // Volunteer v is person v; line s (1-based) of v is 30·(1 + (v + s) % 8) minutes, so the head is the sum in SQL.
            var n = perVolunteer;
            string Hash(string g) => $"md5(({g})::text) || md5((-({g}))::text)";
            await FillAsync(connection, "Volunteers", template.Volunteer, volunteers, 1, new()
            {
                ["Id"] = Sql(VolunteerPrefix, "i"), ["PersonId"] = Sql(PersonPrefix, "i"), ["UnitId"] = CommunityOf($"i % {communities}"),
                ["Number"] = "'2026' || lpad(i::text, 8, '0')", ["EntryCount"] = n.ToString(CultureInfo.InvariantCulture),
                ["ConfirmedMinutes"] = $"(SELECT sum(30 * (1 + (i + s) % 8)) FROM generate_series(1, {n}) s)", ["LedgerHead"] = Hash($"i * {n} + {n - 1}"),
            });
            steps.Add(($"{volunteers:N0} volunteers (1 in 4 people), active", clock.Elapsed.TotalSeconds));
            clock.Restart();
            // Line g is volunteer g / n's line g % n + 1, recorded at the volunteer's community, dated over 2024-01-01 … 2026-11-22.
            await FillAsync(connection, "ServiceEntries", template.Entry, records, 2, new()
            {
                ["Id"] = Sql(EntryPrefix, "i"), ["VolunteerId"] = Sql(VolunteerPrefix, $"i / {n}"), ["UnitId"] = CommunityOf($"(i / {n}) % {communities}"),
                ["Minutes"] = $"30 * (1 + (i / {n} + i % {n} + 1) % 8)", ["ServiceDate"] = "date '2024-01-01' + ((i * 7919) % 1057)::int",
                ["RecordedAt"] = "timestamptz '2024-01-01 12:00+00' + ((i * 7919) % 1057) * interval '1 day'", ["Sequence"] = $"i % {n} + 1",
                ["PreviousHash"] = $"CASE WHEN i % {n} = 0 THEN '' ELSE {Hash("i - 1")} END", ["Hash"] = Hash("i"),
            });
            steps.Add(($"{records:N0} service records ({n} per volunteer; INSERT … SELECT, 2 in parallel)", clock.Elapsed.TotalSeconds));
            clock.Restart();
            // Activity i: even volunteer service, odd youth (one of the 8 categories). Pair i / 2 goes to community (i / 2) % C in
            // round r = (i / 2) / C; in each community 1 round in 10 is held by its street instead, 1 in 25 is cancelled, and a
            // third of the youth ones count heads only, the others list who took part.
            string Round(string i) => $"(({i}) / 2 / {communities})";
            var start = "timestamptz '2024-01-01 01:00+00' + ((i * 7919) % 1057) * interval '1 day'";
            await FillAsync(connection, "Activities", template.Activity, activities, 2, new()
            {
                ["Id"] = Sql(ActivityPrefix, "i"), ["UnitId"] = $"CASE WHEN {Round("i")} % 10 = 9 THEN {StreetOf($"(i / 2) % {communities} / {communitiesEach}")} ELSE {CommunityOf($"(i / 2) % {communities}")} END",
                ["Kind"] = $"CASE WHEN i % 2 = 0 THEN {(int)ActivityKind.VolunteerService} ELSE {(int)ActivityKind.Youth} END",
                ["Title"] = "'活动' || i", ["StartsAt"] = start, ["EndsAt"] = start + " + interval '2 hours'", ["PublishedAt"] = start + " - interval '7 days'",
                ["State"] = $"CASE WHEN {Round("i")} % 25 = 24 THEN {(int)ActivityState.Cancelled} ELSE {(int)ActivityState.Published} END",
                ["CategoryId"] = $"CASE WHEN i % 2 = 1 THEN {CategorySql} END",
                ["AttendanceMode"] = $"CASE WHEN i % 2 = 1 AND {Round("i")} % 3 = 0 THEN {(int)AttendanceMode.Headcount} ELSE {(int)AttendanceMode.List} END",
                ["Headcount"] = $"CASE WHEN i % 2 = 1 AND {Round("i")} % 3 = 0 THEN 20 + i % 30 END",
            });
            steps.Add(($"{activities:N0} activities (half volunteer service, half youth in 8 categories)", clock.Elapsed.TotalSeconds));
            clock.Restart();
            // Participation g: the youth activity a = 2·(g / p) + 1 and a person of its community (distinct within an activity); none where
            // the activity counts heads only or is held by a street.
            var youth = activities / 2;
            var participations = await FillAsync(connection, "Participations", template.Participation, (long)youth * perActivity, 2, new()
            {
                ["Id"] = Sql(ParticipationPrefix, "i"), ["ActivityId"] = Sql(ActivityPrefix, $"2 * (i / {perActivity}) + 1"),
                ["PersonId"] = Sql(PersonPrefix, $"(i / {perActivity}) % {communities} + {communities} * ((i * 31) % {perCommunity})"),
                ["UnitId"] = CommunityOf($"(i / {perActivity}) % {communities}"),
                ["At"] = $"timestamptz '2024-01-01 01:00+00' + (((2 * (i / {perActivity}) + 1) * 7919) % 1057) * interval '1 day'",
            }, where: $"{Round($"2 * (i / {perActivity}) + 1")} % 3 <> 0 AND {Round($"2 * (i / {perActivity}) + 1")} % 10 <> 9");
            steps.Add(($"{participations:N0} participations ({perActivity} people of the community at each listed youth activity held in a community)", clock.Elapsed.TotalSeconds));
            clock.Restart();
            await using (var conn = await Open(connection))
            {
                foreach (var (table, id) in new[] { ("Participations", template.Participation), ("ServiceEntries", template.Entry), ("Activities", template.Activity),
                             ("Volunteers", template.Volunteer), ("Memberships", template.Member), ("People", template.Person) })
                {
                    await Exec(conn, $"DELETE FROM \"{table}\" WHERE \"Id\" = '{id}'");
                }
                await Exec(conn, "SET maintenance_work_mem = '1GB'");
                foreach (var ddl in indexes)
                {
                    await Exec(conn, ddl);
                }
            }
            steps.Add(($"{indexes.Count} secondary indexes rebuilt", clock.Elapsed.TotalSeconds));
            clock.Restart();
            await using (var conn = await Open(connection))
            {
                await Exec(conn, "VACUUM ANALYZE");
                await Exec(conn, "CHECKPOINT");
            }
            steps.Add(("VACUUM ANALYZE, CHECKPOINT", clock.Elapsed.TotalSeconds));
            generation = total.Elapsed.TotalSeconds;
            size = pg.SizeGb();
            Console.WriteLine($"  generated in {generation:F0} s; database {size:F1} GB");

            // The roll-ups from nothing, as `qingyun figures rebuild` fills them (the CLI's scope and its hour's command timeout:
            // with the 30 s default the grouped reads of the hours record timed out at this size, retries included).
            clock.Restart();
            rebuilt = await RebuildAsync(app.Services, TimeSpan.FromHours(1));
            rebuildSeconds = clock.Elapsed.TotalSeconds;
            rebuildNote = "an hour's command timeout, as `qingyun figures rebuild` sets it";
            Console.WriteLine($"  roll-ups rebuilt in {rebuildSeconds:F0} s: {rebuilt.Cells:N0} cells, {rebuilt.Subjects:N0} person rows ({rebuildNote})");
        }

        // The city's League admin: FiguresRead (and FiguresManage) over the whole city.
        var grant = new ScopeGrant(Guid.NewGuid(), city.Id, city.Path, city.Code, city.Name, Role.LeagueAdmin);
        IServiceScope As()
        {
            var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentScope>().Load(Guid.NewGuid(), "bench", [grant]);
            return scope;
        }

        // Marks left by an earlier run's figures round are recounted first, so the timings below start from no pending change.
        async Task<(int Units, double Seconds)> SettleAsync()
        {
            int units;
            await using (var conn = await Open(connection))
            {
                units = (int)await Scalar<long>(conn, "SELECT count(DISTINCT \"UnitId\") FROM \"FigureStales\"");
            }
            var started = Stopwatch.GetTimestamp();
            using var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("bench");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await Rollups.RefreshAsync(db, DateTimeOffset.UtcNow, default);
            return (units, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        var leftover = await SettleAsync();
        Console.WriteLine($"  {leftover.Units} units marked before the timings, recounted in {leftover.Seconds:F1} s");

        // What the figures say, checked against the records for the city: not zero, and equal to a direct count.
        var year = DateTimeOffset.UtcNow.Year;
        DashboardView cityView, communityView;
        using (var scope = As())
        {
            var d = scope.ServiceProvider.GetRequiredService<Dashboard>();
            cityView = (await d.BuildAsync(city.Id, year, default)).Value!;
            communityView = (await d.BuildAsync(firstCommunity!.Id, year, default)).Value!;
        }
        decimal? Figure(DashboardView v, string code) => v.Lines.First(l => l.Indicator.Code == code).Value;
        var shown = new[] { Catalogue.MembersRegistered, Catalogue.MembersNew, Catalogue.VolunteersRegistered, Catalogue.ServiceHours, Catalogue.ServicePersonTimes,
            Catalogue.ServiceVolunteers, Catalogue.ServiceActivities, Catalogue.YouthActivities, Catalogue.YouthPersonTimes, Catalogue.YouthPersons };
        var figureLines = shown.Select(c => (Code: c, City: Figure(cityView, c), Community: Figure(communityView, c))).ToList();
        foreach (var (code, c, m) in figureLines)
        {
            Console.WriteLine($"  {code,-24} city {c,14:N1}  community {m,10:N1}");
        }
        var checks = new List<string>();
        await using (var conn = await Open(connection))
        {
            var from = $"date '{year}-01-01'";
            var to = $"date '{year + 1}-01-01'";
            var expected = new Dictionary<string, string>
            {
                [Catalogue.MembersRegistered] = "SELECT count(*)::text FROM \"Memberships\" WHERE \"Status\" IN (1, 2, 3)",
                [Catalogue.MembersNew] = $"SELECT count(*)::text FROM \"Memberships\" WHERE \"JoinedOn\" >= {from} AND \"JoinedOn\" < {to}",
                [Catalogue.ServiceHours] = $"SELECT round(sum(\"Minutes\") / 60.0, 1)::text FROM \"ServiceEntries\" WHERE \"ServiceDate\" >= {from} AND \"ServiceDate\" < {to}",
                [Catalogue.ServicePersonTimes] = $"SELECT count(*)::text FROM \"ServiceEntries\" WHERE \"ServiceDate\" >= {from} AND \"ServiceDate\" < {to}",
                [Catalogue.ServiceVolunteers] = $"SELECT count(DISTINCT \"VolunteerId\")::text FROM \"ServiceEntries\" WHERE \"ServiceDate\" >= {from} AND \"ServiceDate\" < {to}",
            };
            foreach (var (code, sql) in expected)
            {
                var want = decimal.Parse((await Strings(conn, sql))[0], CultureInfo.InvariantCulture);
                var got = Figure(cityView, code);
                if (got != want)
                {
                    throw new InvalidOperationException($"{code}: the city's figure {got} but the records say {want}");
                }
                checks.Add(code);
            }
        }
        if (figureLines.Any(f => f.City is null or 0))
        {
            throw new InvalidOperationException("a generated figure is zero for the city: " + string.Join(", ", figureLines.Where(f => f.City is null or 0).Select(f => f.Code)));
        }

        // Timings: each call in a fresh scope and DbContext, as a request; warm-up first. The reads of one table are
        // interleaved (run k calls each of them once, starting with a different one each time), so the machine's
        // drift, its neighbours and the JIT's tiering fall on all of them alike and their ratios hold within the run.
        async Task<List<(double P50, double P95, double P99)>> Time(IReadOnlyList<(string Name, Func<IServiceProvider, Task> Work)> reads, int count)
        {
            var times = reads.Select(_ => new List<double>(count)).ToList();
            var warmups = Math.Max(20, count / 10);
            for (var k = 0; k < warmups + count; k++)
            {
                for (var j = 0; j < reads.Count; j++)
                {
                    var i = (k + j) % reads.Count;
                    using var scope = As();
                    var started = Stopwatch.GetTimestamp();
                    await reads[i].Work(scope.ServiceProvider);
                    if (k >= warmups)
                    {
                        times[i].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
            }
            var result = new List<(double, double, double)>();
            foreach (var (read, list) in reads.Zip(times))
            {
                list.Sort();
                Console.WriteLine($"  {read.Name,-48} p50 {Pct(list, 0.5),9:F2} ms  p95 {Pct(list, 0.95),9:F2} ms  p99 {Pct(list, 0.99),9:F2} ms");
                result.Add((Pct(list, 0.5), Pct(list, 0.95), Pct(list, 0.99)));
            }
            return result;
        }
        async Task Build(IServiceProvider sp, Guid unitId)
        {
            var r = await sp.GetRequiredService<Dashboard>().BuildAsync(unitId, year, default);
            if (!r.Ok || r.Value!.Lines.Count == 0)
            {
                throw new InvalidOperationException("dashboard failed: " + string.Join(", ", r.Failures.Select(f => f.MessageKey)));
            }
        }
        var load = LoadAverage();
        var directNames = new[]
        {
            "floor: `SELECT 1` through the same DbContext", $"dashboard of the city ({districts} districts below)",
            $"dashboard of a district ({streetsEach} streets below)", "dashboard of a community (none below)",
        };
        var directTimes = await Time(
        [
            ("floor SELECT 1", sp => sp.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("SELECT 1")),
            ("Dashboard.BuildAsync city", sp => Build(sp, city.Id)),
            ("Dashboard.BuildAsync district", sp => Build(sp, firstDistrict!.Id)),
            ("Dashboard.BuildAsync community", sp => Build(sp, firstCommunity!.Id)),
        ], runs);
        var direct = directNames.Zip(directTimes, (n, t) => (Name: n, T: t)).ToList();

        // Where a dashboard's time goes: its reads one by one, in the order BuildAsync makes them, each run in a fresh scope.
        var breakdown = new List<(string Unit, int Cells, double[] Steps)>();
        string[] stepNames = ["unit (scope check)", "catalogue", "children", "cells (refresh check + the unit's cells + the children's totals)", "targets"];
        foreach (var (label, unitId) in new[] { ("city", city.Id), ("district", firstDistrict!.Id), ("community", firstCommunity!.Id) })
        {
            var samples = stepNames.Select(_ => new List<double>()).ToArray();
            var cells = 0;
            for (var k = 0; k < runs / 2 + 10; k++)
            {
                using var scope = As();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var reader = scope.ServiceProvider.GetRequiredService<FigureReader>();
                var lap = Stopwatch.GetTimestamp();
                double Lap()
                {
                    var ms = Stopwatch.GetElapsedTime(lap).TotalMilliseconds;
                    lap = Stopwatch.GetTimestamp();
                    return ms;
                }
                var unit = (await db.UnitForAsync(unitId, Permission.FiguresRead, "UnitId", default)).Value!;
                var t0 = Lap();
                await reader.CatalogueForAsync(unit, default);
                var t1 = Lap();
                var children = await reader.ChildrenAsync(unit, default);
                var t2 = Lap();
                var read = await reader.ReadWithTotalsAsync(unit.Id, [.. children.Select(c => c.Id)], year, default);
                var t3 = Lap();
                await reader.TargetsAsync([unit.Id], year, default);
                var t4 = Lap();
                if (k >= 10)
                {
                    foreach (var (list, ms) in samples.Zip(new[] { t0, t1, t2, t3, t4 }))
                    {
                        list.Add(ms);
                    }
                }
                // What ReadWithTotalsAsync reads: the unit's cells, and its children's year cells (month 0).
                cells = await db.FigureTallies.CountAsync(t => (t.UnitId == unit.Id || (t.Month == 0 && children.Select(c => c.Id).Contains(t.UnitId))) && (t.Year == year || t.Year == year - 1 || t.Year == 0));
                GC.KeepAlive(read);
            }
            var medians = samples.Select(l => { l.Sort(); return Pct(l, 0.5); }).ToArray();
            breakdown.Add((label, cells, medians));
            Console.WriteLine($"  {label,-10} {cells,6} cells: " + string.Join("  ", stepNames.Zip(medians, (n, m) => $"{n} {m:F2}")));
        }

        // The same over HTTP: the app's own pipeline (token, scope, JSON), client in this process.
        var http = new List<(string Name, (double P50, double P95, double P99) T)>();
        var clear = ApiToken.ClearPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("bench");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var user = new AppUser { UserName = "cityadmin" + Guid.NewGuid().ToString("N")[..6], DisplayName = "市团委管理员", HomeUnitId = city.Id, CreatedAt = now };
            var created = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, "Bench-pass-2026");
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }
            db.Grants.Add(new Grant { UserId = user.Id, UnitId = city.Id, Role = Role.LeagueAdmin, GrantedAt = now });
            db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = "bench", Hash = TokenAuthenticationHandler.Hash(clear), Hint = "qy_bench", CreatedAt = now, ExpiresAt = now.AddDays(1) });
            await db.SaveChangesAsync();
        }
        await app.StartAsync();
        // The figures job's first round after a start looks back 3 days for activities that ended and recounts their units;
        // during it a page shows the last figures (after waiting up to 2 s), so the HTTP timings start once it is done, and it is timed here.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var firstRound = await SettleAsync();
        firstRound.Seconds += 3;
        Console.WriteLine($"  first figures round after the start: {firstRound.Units} units marked, all recounted after {firstRound.Seconds:F1} s");
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", clear);
            Func<IServiceProvider, Task> Get(string url) => async _ =>
            {
                using var r = await client.GetAsync(url);
                var body = await r.Content.ReadAsByteArrayAsync();
                if (!r.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{url}: {(int)r.StatusCode} {Encoding.UTF8.GetString(body)}");
                }
            };
            var httpTimes = await Time(
            [
                ("GET /healthz", Get("/healthz")),
                ("GET figures city", Get($"/api/v1/figures?unitId={city.Id}&year={year}")),
                ("GET figures district", Get($"/api/v1/figures?unitId={firstDistrict!.Id}&year={year}")),
                ("GET figures community", Get($"/api/v1/figures?unitId={firstCommunity!.Id}&year={year}")),
            ], runs);
            http.AddRange(new[]
            {
                "floor: GET /healthz (one query on a pooled connection)", "GET /api/v1/figures, the city", "GET /api/v1/figures, a district", "GET /api/v1/figures, a community",
            }.Zip(httpTimes, (n, t) => (n, t)));
        }
        finally
        {
            await app.StopAsync();
        }

        // The city's annual summary: the draft generated, its numbers filled, the .docx; and the PDF. Each run starts from no summary.
        var summary = new List<(string Name, double Ms, long Bytes)>();
        var generateMs = new List<double>();
        var docxMs = new List<double>();
        var pdfMs = new List<double>();
        long docxBytes = 0, pdfBytes = 0;
        string? pdfNote = null;
        for (var k = 0; k < summaryRuns + 1; k++)
        {
            await using (var conn = await Open(connection))
            {
                await Exec(conn, "DELETE FROM \"WorkSummaries\"");
            }
            using (var scope = As())
            {
                var started = Stopwatch.GetTimestamp();
                var g = await scope.ServiceProvider.GetRequiredService<SummaryDesk>().GenerateAsync(city.Id, year, default);
                if (!g.Ok)
                {
                    throw new InvalidOperationException("summary: " + g.Failures[0].MessageKey);
                }
                var generated = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var docx = await scope.ServiceProvider.GetRequiredService<SummaryExports>().DocxAsync(city.Id, year, default);
                var all = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!docx.Ok)
                {
                    throw new InvalidOperationException("docx: " + docx.Failures[0].MessageKey);
                }
                docxBytes = docx.Value.Bytes.Length;
                if (k > 0)
                {
                    generateMs.Add(generated);
                    docxMs.Add(all);
                }
            }
            using (var scope = As())
            {
                var started = Stopwatch.GetTimestamp();
                var pdf = await scope.ServiceProvider.GetRequiredService<SummaryExports>().PdfAsync(city.Id, year, default);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!pdf.Ok)
                {
                    pdfNote = pdf.Failures[0].MessageKey;
                }
                else
                {
                    pdfBytes = pdf.Value.Bytes.Length;
                    if (k > 0)
                    {
                        pdfMs.Add(ms);
                    }
                }
            }
        }
        generateMs.Sort();
        docxMs.Sort();
        pdfMs.Sort();
        summary.Add(("generate the draft (catalogue, template, save)", Pct(generateMs, 0.5), 0));
        summary.Add(("generate + fill the numbers + .docx (the download a user waits for)", Pct(docxMs, 0.5), docxBytes));
        if (pdfMs.Count > 0)
        {
            summary.Add(("PDF of the generated summary (numbers filled, A4 pages drawn)", Pct(pdfMs, 0.5), pdfBytes));
        }
        foreach (var (name, ms, bytes) in summary)
        {
            Console.WriteLine($"  {name,-70} {ms,9:F1} ms  {bytes:N0} bytes");
        }

        // The report.
        var floor = direct[0].T.P50;
        var httpFloor = http[0].T.P50;
        var r = new StringBuilder();
        r.AppendLine(CultureInfo.InvariantCulture, $"### Figures at city scale on Postgres: {people:N0} people, {records:N0} service records, {activities:N0} activities");
        r.AppendLine();
        r.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (shared with other jobs; load average {load} before the timings); database {size:F1} GB after generation. Each call in a fresh scope and DbContext as a request, acting as the city's League admin, {runs} runs after {Math.Max(20, runs / 10)} warm-ups, the reads of each table interleaved (each run calls every one of them once); the year is {year}.");
        r.AppendLine();
        r.AppendLine("| read | p50 ms | p95 ms | p99 ms | p50 ÷ floor |");
        r.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (name, t) in direct)
        {
            r.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {t.P50:F2} | {t.P95:F2} | {t.P99:F2} | {t.P50 / floor:F1} |");
        }
        foreach (var (name, t) in http)
        {
            r.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {t.P50:F2} | {t.P95:F2} | {t.P99:F2} | {t.P50 / httpFloor:F1} (÷ /healthz) |");
        }
        r.AppendLine();
        var cityT = direct[1].T;
        var communityT = direct[3].T;
        r.AppendLine(CultureInfo.InvariantCulture, $"City ÷ community: {cityT.P50 / communityT.P50:F2} at the median, {cityT.P95 / communityT.P95:F2} at p95 (in process); over HTTP {http[1].T.P50 / http[3].T.P50:F2} and {http[1].T.P95 / http[3].T.P95:F2}. City p95: {cityT.P95:F1} ms in process, {http[1].T.P95:F1} ms over HTTP.");
        r.AppendLine();
        r.AppendLine(CultureInfo.InvariantCulture, $"Before the timings {leftover.Units} units were marked stale (recounted in {leftover.Seconds:F1} s). Once the app started, its figures job's first round (3 days' look-back for activities that ended) marked {firstRound.Units} units and the recount was done {firstRound.Seconds:F1} s after the start; the HTTP timings began after it (during a recount a page waits up to 2 s, then shows the last figures).");
        r.AppendLine();
        r.AppendLine("Where a dashboard's time goes (medians, ms; each read as BuildAsync makes it; the rest of BuildAsync is shaping the lines, the categories' names and the breadcrumb):");
        r.AppendLine();
        r.AppendLine("| unit | cells read | " + string.Join(" | ", stepNames) + " |");
        r.AppendLine("| --- | ---: | " + string.Join(" | ", stepNames.Select(_ => "---:")) + " |");
        foreach (var (label, cells, medians) in breakdown)
        {
            r.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {cells:N0} | {string.Join(" | ", medians.Select(m => m.ToString("F2", CultureInfo.InvariantCulture)))} |");
        }
        r.AppendLine();
        r.AppendLine(CultureInfo.InvariantCulture, $"Annual summary of the city for {year}, median of {summaryRuns} runs (after one warm-up), each from no summary:");
        r.AppendLine();
        r.AppendLine("| step | median ms | file |");
        r.AppendLine("| --- | ---: | ---: |");
        foreach (var (name, ms, bytes) in summary)
        {
            r.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {ms:F1} | {(bytes > 0 ? bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes" : "")} |");
        }
        if (pdfNote is not null)
        {
            r.AppendLine(CultureInfo.InvariantCulture, $"| PDF | not made: {pdfNote} (no Chinese font on this machine) | |");
        }
        r.AppendLine();
        if (reuse is null)
        {
            r.AppendLine(CultureInfo.InvariantCulture, $"Roll-ups filled from nothing by `Rebuild.RunAsync` in {rebuildSeconds:F0} s ({rebuildNote}): {rebuilt.Cells:N0} cells, {rebuilt.Subjects:N0} distinct-person rows.");
            r.AppendLine();
        }
        r.AppendLine(CultureInfo.InvariantCulture, $"The figures of {year} as the dashboard shows them (checked equal to a direct count of the records for the city: {string.Join(", ", checks)}):");
        r.AppendLine();
        r.AppendLine("| indicator | city | community |");
        r.AppendLine("| --- | ---: | ---: |");
        foreach (var (code, c, m) in figureLines)
        {
            r.AppendLine(CultureInfo.InvariantCulture, $"| {code} | {c:N1} | {m:N1} |");
        }
        r.AppendLine();
        r.AppendLine(reuse is null ? $"Generation took {generation.ToString("F0", CultureInfo.InvariantCulture)} s in all:" : "Timed again on the database an earlier run generated and rolled up (--reuse).");
        r.AppendLine();
        r.AppendLine("| step | s |");
        r.AppendLine("| --- | ---: |");
        foreach (var (step, s) in steps)
        {
            r.AppendLine(CultureInfo.InvariantCulture, $"| {step} | {s:F0} |");
        }
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

    private static async Task<(int, int)> RebuildAsync(IServiceProvider services, TimeSpan timeout)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("figures-rebuild");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Database.SetCommandTimeout(timeout);
        return await Rebuild.RunAsync(db, DateTimeOffset.UtcNow, CancellationToken.None);
    }

    /// <summary>
    /// Copies the template row of <paramref name="table"/> for i in [0, count) with some columns rewritten, in
    /// <paramref name="parallel"/> INSERT … SELECT statements at once, foreign-key triggers off (the rows agree by construction).
    /// </summary>
    private static async Task<long> FillAsync(string connection, string table, Guid template, long count, int parallel, Dictionary<string, string> overrides, string? where = null)
    {
        List<string> columns;
        await using (var conn = await Open(connection))
        {
            columns = await Strings(conn, $"SELECT column_name::text FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position");
        }
        var missing = overrides.Keys.Except(columns).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"{table} has no column {string.Join(", ", missing)}");
        }
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", columns.Select(c => overrides.TryGetValue(c, out var e) ? e : $"t.\"{c}\""));
        var step = (count + parallel - 1) / parallel;
        var inserted = await Task.WhenAll(Enumerable.Range(0, parallel).Select(async k =>
        {
            var (from, to) = (k * step, Math.Min(count, (k + 1) * step));
            if (from >= to)
            {
                return 0L;
            }
            await using var conn = await Open(connection);
            await Exec(conn, "SET session_replication_role = replica");
            await using var cmd = new NpgsqlCommand(
                $"INSERT INTO \"{table}\" ({names}) SELECT {values} FROM \"{table}\" t, generate_series({from}::bigint, {to - 1}::bigint) i WHERE t.\"Id\" = '{template}'" +
                (where is null ? "" : $" AND {where}"), conn);
            return (long)await cmd.ExecuteNonQueryAsync();
        }));
        return inserted.Sum();
    }
}
