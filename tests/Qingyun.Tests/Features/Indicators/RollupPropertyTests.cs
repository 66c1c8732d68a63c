using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Assistance;
using Qingyun.Domain.Indicators;
using Qingyun.Domain.Organization;
using Qingyun.Domain.Rosters;
using Qingyun.Features.Indicators;
using Qingyun.Infrastructure;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.Indicators.FiguresKit;

namespace Qingyun.Tests.Features.Indicators;

/// <summary>
/// The incremental roll-ups against a full recount: a seeded random sequence of changes of every kind the figures
/// count (and units moving and closing), refreshed after random steps; after each refresh every stored cell and every
/// counted person must equal what <see cref="Rebuild.CountAsync"/> counts from nothing.
/// </summary>
public abstract class RollupPropertyTests(QingyunApp app)
{
    private const int Steps = 200;

    private sealed class World2
    {
        public required OrgUnit S1 { get; init; }
        public required OrgUnit S2 { get; init; }
        public required List<OrgUnit> Communities { get; init; }
        public required OrgUnit Branch { get; init; }
        public HashSet<Guid> Closed { get; } = [];
        public Dictionary<Guid, Guid> ParentOf { get; } = [];
        public List<(Guid Id, string Number)> Volunteers { get; } = [];
        public List<Guid> People { get; } = [];
        public List<Guid> Entries { get; } = [];
        public List<(Guid Id, HashSet<Guid> Present)> Youth { get; } = [];
        public List<(Guid Id, Guid Unit, bool Active)> Members { get; } = [];
        public Dictionary<Guid, AssistanceCase> Cases { get; } = [];
        public HashSet<Guid> Reported { get; } = [];
        public required ReportedIndicator Indicator { get; init; }

        public IEnumerable<OrgUnit> Units => [S1, S2, .. Communities, Branch];

        public List<Guid> Open => [.. Units.Select(u => u.Id).Where(id => !Closed.Contains(id))];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20261124)]
    [InlineData(777)]
    public async Task AfterRandomChanges_TheRollUpsEqualAFullRecount(int seed)
    {
        var rng = new Random(seed);
        var w = await SetUpAsync();
        var today = app.Clock.ChinaToday();
        DateOnly Day() => today.AddDays(-rng.Next(0, 400));
        T Pick<T>(IReadOnlyList<T> list) => list[rng.Next(list.Count)];
        var refreshes = 0;

        for (var step = 0; step < Steps; step++)
        {
            var roll = rng.Next(100);
            var open = w.Open;
            string op;
            if (roll < 20)
            {
                op = "add service entry";
                var v = Pick(w.Volunteers);
                w.Entries.Add((await HoursAsync(app, Pick(open), v.Number, Day(), rng.Next(1, 9) / 2m)).Id);
            }
            else if (roll < 28 && w.Entries.Count > 0)
            {
                op = "reverse service entry";
                var e = Pick(w.Entries);
                w.Entries.Remove(e);
                await CorrectAsync(app, e, rng.Next(2) == 0 ? null : rng.Next(1, 5));
            }
            else if (roll < 36)
            {
                op = "add youth activity";
                var unit = Pick(open);
                var day = Day();
                var headcount = rng.Next(3) == 0 ? rng.Next(1, 50) : (int?)null;
                var state = rng.Next(8) == 0 ? ActivityState.Cancelled : ActivityState.Published;
                var kind = rng.Next(4) == 0 ? ActivityKind.VolunteerService : ActivityKind.Youth;
                var id = await app.AsSystemAsync(async (_, db) =>
                {
                    var a = Activity(db, unit, kind, At(day, 8), state, headcount: headcount);
                    await db.SaveChangesAsync();
                    return a.Id;
                });
                if (kind == ActivityKind.Youth)
                {
                    w.Youth.Add((id, []));
                }
            }
            else if (roll < 50 && w.Youth.Count > 0)
            {
                op = "add participation";
                var (activityId, present) = Pick(w.Youth);
                var person = Pick(w.People);
                if (present.Add(person))
                {
                    await app.AsSystemAsync(async (_, db) =>
                    {
                        var a = await db.Activities.IgnoreQueryFilters().AsNoTracking().SingleAsync(x => x.Id == activityId);
                        Attend(db, a, person);
                        return await db.SaveChangesAsync();
                    });
                }
            }
            else if (roll < 60)
            {
                op = "add membership";
                var unit = Pick(open);
                var day = Day();
                var id = await app.AsSystemAsync(async (_, db) =>
                {
                    var m = Member(db, unit, day);
                    await db.SaveChangesAsync();
                    return m.Id;
                });
                w.Members.Add((id, unit, true));
            }
            else if (roll < 66 && w.Members.Any(m => m.Active))
            {
                op = "transfer membership";
                var m = Pick(w.Members.Where(x => x.Active).ToList());
                var to = Pick(open.Where(u => u != m.Unit).ToList());
                await TransferAsync(app, m.Id, to);
                w.Members[w.Members.IndexOf(m)] = m with { Unit = to };
            }
            else if (roll < 71 && w.Members.Any(m => m.Active))
            {
                op = "membership ends";
                var m = Pick(w.Members.Where(x => x.Active).ToList());
                await app.AsSystemAsync(async (_, db) =>
                {
                    var row = await db.Memberships.IgnoreQueryFilters().SingleAsync(x => x.Id == m.Id);
                    row.Status = rng.Next(2) == 0 ? MemberStatus.Left : MemberStatus.Suspended;
                    return await db.SaveChangesAsync();
                });
                w.Members[w.Members.IndexOf(m)] = m with { Active = false };
            }
            else if (roll < 81)
            {
                op = "add case visit";
                var unit = Pick(open);
                var person = Pick(w.People);
                var day = Day();
                var closes = rng.Next(6) == 0;
                await app.AsSystemAsync(async (_, db) =>
                {
                    if (!w.Cases.TryGetValue(unit, out var c))
                    {
                        c = Case(db, unit, person, today.AddDays(-500));
                        await db.SaveChangesAsync();
                        w.Cases[unit] = c;
                    }
                    Visit(db, c, day);
                    if (closes && c.ClosedOn is null)
                    {
                        var tracked = await db.AssistanceCases.IgnoreQueryFilters().SingleAsync(x => x.Id == c.Id);
                        tracked.Status = CaseStatus.Closed;
                        tracked.ClosedOn = today.AddDays(-rng.Next(0, 400));
                        c.ClosedOn = tracked.ClosedOn;
                    }
                    return await db.SaveChangesAsync();
                });
            }
            else if (roll < 87)
            {
                op = "approve report";
                var unit = Pick(open);
                var value = rng.Next(1, 10);
                var state = rng.Next(4) == 0 ? ReportState.Returned : ReportState.Approved;
                await app.AsSystemAsync(async (_, db) =>
                {
                    var existing = await db.IndicatorReports.IgnoreQueryFilters()
                        .SingleOrDefaultAsync(r => r.IndicatorId == w.Indicator.Id && r.UnitId == unit && r.Year == today.Year);
                    if (existing is null)
                    {
                        Report(db, w.Indicator, unit, today.Year, value, state);
                    }
                    else
                    {
                        existing.Value = value;
                        existing.State = state;
                    }
                    return await db.SaveChangesAsync();
                });
            }
            else if (roll < 94)
            {
                op = "move a community to the other street";
                var c = Pick(w.Communities);
                var to = w.ParentOf[c.Id] == w.S1.Id ? w.S2.Id : w.S1.Id;
                await MoveAsync(app, c.Id, to);
                w.ParentOf[c.Id] = to;
            }
            else
            {
                // Leaves only: a unit with open children cannot close. Reopening keeps the sequence going.
                var leaves = w.Communities.Skip(1).Select(u => u.Id).Append(w.Branch.Id).ToList();
                var unit = Pick(leaves);
                if (w.Closed.Contains(unit))
                {
                    op = "reopen a unit";
                    await CloseAsync(app, unit, reopen: true);
                    w.Closed.Remove(unit);
                }
                else if (w.Open.Count > 3)
                {
                    op = "close a unit";
                    await CloseAsync(app, unit);
                    w.Closed.Add(unit);
                }
                else
                {
                    op = "nothing";
                }
            }

            if (rng.Next(5) == 0 || step == Steps - 1)
            {
                refreshes++;
                await app.AsSystemAsync((_, db) => Rollups.RefreshAsync(db, app.Clock.GetUtcNow(), default));
                var diffs = await DifferencesAsync(app);
                Assert.True(diffs.Count == 0,
                    $"seed {seed}, step {step} ({op}), refresh {refreshes}: {diffs.Count} differences\n{string.Join("\n", diffs.Take(12))}");
            }
        }
    }

    [Fact]
    public async Task FiguresRebuild_RestoresATamperedFigure()
    {
        var t = await TreeAsync(app);
        var y = app.Clock.ChinaToday().Year;
        var v = await app.AsSystemAsync(async (_, db) =>
        {
            Member(db, t.A.Id, app.Clock.ChinaToday());
            Member(db, t.B.Id, app.Clock.ChinaToday());
            var v = Volunteer(db, t.B.Id);
            await db.SaveChangesAsync();
            return v.Number;
        });
        await HoursAsync(app, t.B.Id, v, app.Clock.ChinaToday(), 2.5m);
        var hours = Catalogue.Find(Catalogue.ServiceHours)!;
        var members = Catalogue.Find(Catalogue.MembersRegistered)!;
        var before = await ReadAsync(app, y, t.Street.Id);
        Assert.Equal(150m, before.Value(t.Street.Id, hours, y));
        Assert.Equal(2m, before.Value(t.Street.Id, members, y));

        // A database changed outside the application: the street's cells no longer add up.
        await app.AsSystemAsync(async (_, db) =>
        {
            var cells = await db.FigureTallies.IgnoreQueryFilters()
                .Where(c => c.UnitId == t.Street.Id && (c.Code == Catalogue.ServiceHours || c.Code == Catalogue.MembersRegistered)).ToListAsync();
            // The hours' month cell and year cell, and the members' current stock.
            Assert.Equal(3, cells.Count);
            foreach (var c in cells)
            {
                c.Total += 1000;
            }
            db.FigureTallies.Remove(await db.FigureTallies.IgnoreQueryFilters().SingleAsync(c => c.UnitId == t.B.Id && c.Code == Catalogue.VolunteersRegistered));
            return await db.SaveChangesAsync();
        });
        var tampered = await ReadAsync(app, y, t.Street.Id, t.B.Id);
        Assert.Equal(1150m, tampered.Value(t.Street.Id, hours, y));
        Assert.Equal(0m, tampered.Value(t.B.Id, Catalogue.Find(Catalogue.VolunteersRegistered)!, y));
        Assert.NotEmpty(await DifferencesAsync(app));

        // qingyun figures rebuild
        await app.AsSystemAsync((_, db) => Rebuild.RunAsync(db, app.Clock.GetUtcNow(), default));
        var rebuilt = await ReadAsync(app, y, t.Street.Id, t.B.Id);
        Assert.Equal(150m, rebuilt.Value(t.Street.Id, hours, y));
        Assert.Equal(2m, rebuilt.Value(t.Street.Id, members, y));
        Assert.Equal(1m, rebuilt.Value(t.B.Id, Catalogue.Find(Catalogue.VolunteersRegistered)!, y));
        Assert.Empty(await DifferencesAsync(app));
    }

    private async Task<World2> SetUpAsync()
    {
        var tag = Tag();
        var root = app.World.Province.Id;
        var s1 = await UnitAsync(app, root, $"RP-{tag}-1", $"随机街道一{tag}", UnitKind.Street, LeagueBodyType.WorkingCommittee);
        var s2 = await UnitAsync(app, root, $"RP-{tag}-2", $"随机街道二{tag}", UnitKind.Street, LeagueBodyType.WorkingCommittee);
        var communities = new List<OrgUnit>();
        for (var i = 1; i <= 4; i++)
        {
            communities.Add(await UnitAsync(app, i <= 2 ? s1.Id : s2.Id, $"RP-{tag}-C{i}", $"随机社区{i}-{tag}", UnitKind.Community, LeagueBodyType.CommunityCommittee));
        }
        var branch = await UnitAsync(app, communities[0].Id, $"RP-{tag}-C1-1", $"随机团支部{tag}", UnitKind.Community, LeagueBodyType.Branch);
        var indicator = await app.AsSystemAsync((_, db) => ReportedAsync(db, s1.Id));
        var w = new World2 { S1 = s1, S2 = s2, Communities = communities, Branch = branch, Indicator = indicator };
        foreach (var c in communities)
        {
            w.ParentOf[c.Id] = c.ParentId!.Value;
        }
        await app.AsSystemAsync(async (_, db) =>
        {
            var units = w.Units.ToList();
            var volunteers = Enumerable.Range(0, 5).Select(i => Volunteer(db, units[i % units.Count].Id)).ToList();
            var people = Enumerable.Range(0, 8).Select(i => Person(db, units[i % units.Count].Id)).ToList();
            await db.SaveChangesAsync();
            w.Volunteers.AddRange(volunteers.Select(v => (v.Id, v.Number)));
            w.People.AddRange(people.Select(p => p.Id));
            return 0;
        });
        return w;
    }
}

public sealed class RollupPropertiesOnSqlite(SqliteApp app) : RollupPropertyTests(app), IClassFixture<SqliteApp>;

public sealed class RollupPropertiesOnPostgres(PostgresApp app) : RollupPropertyTests(app), IClassFixture<PostgresApp>;
