using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.Volunteering;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.Volunteering.VolunteeringKit;

namespace Qingyun.Tests.Features.Volunteering;

public abstract class SignUpRaceTests(QingyunApp app)
{
    [Fact]
    public async Task FiveHundredRacingForFiftyPlaces_GiveExactlyFifty_AndAWaitlistInOrder_AndAFreedPlaceGoesToTheFirstWaiting()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var activity = await PublishAsync(app, organizer, TimeSpan.FromDays(2), TimeSpan.FromHours(3), quota: 50);
        var racers = await ManyAsync(app, 500, seed: app.Provider == "Sqlite" ? 1 : 2);
        using var http = app.CreateClient();
        http.Timeout = TimeSpan.FromSeconds(90);

        var watch = Stopwatch.StartNew();
        var answers = await Task.WhenAll(racers.Select(async r =>
        {
            using var response = await http.SendAsync(As(r.Token, HttpMethod.Post, $"/api/v1/me/volunteer/sign-ups/{activity.PositionId}"));
            return (r, response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));
        watch.Stop();

        var failed = answers.Where(a => a.StatusCode != HttpStatusCode.OK).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} failed, first: {(failed.Count > 0 ? $"{(int)failed[0].StatusCode} {failed[0].Body}" : "")}");
        Assert.Equal(50, answers.Count(a => a.Body.Contains("\"Confirmed\"", StringComparison.Ordinal)));
        Assert.Equal(450, answers.Count(a => a.Body.Contains("\"Waitlisted\"", StringComparison.Ordinal)));

        var (rows, taken) = await app.AsSystemAsync(async (_, db) => (
            await db.SignUps.Where(s => s.PositionId == activity.PositionId).AsNoTracking().ToListAsync(),
            await db.Positions.Where(p => p.Id == activity.PositionId).Select(p => p.Taken).FirstAsync()));
        Assert.Equal(500, rows.Count);
        Assert.Equal(50, rows.Count(s => s.State == SignUpState.Confirmed));
        Assert.Equal(450, rows.Count(s => s.State == SignUpState.Waitlisted));
        Assert.Equal(50, taken);
        Assert.Equal(500, rows.Select(s => s.Sequence).Distinct().Count());
        // The fifty places went to the fifty who arrived first.
        Assert.True(rows.Where(s => s.State == SignUpState.Confirmed).Max(s => s.Sequence) < rows.Where(s => s.State == SignUpState.Waitlisted).Min(s => s.Sequence));

        // One with a place withdraws: the first on the waitlist (lowest sequence) gets it; the count stays 50.
        var leaving = rows.First(s => s.State == SignUpState.Confirmed);
        var leaver = racers.Single(r => r.Id == leaving.VolunteerId);
        var firstWaiting = rows.Where(s => s.State == SignUpState.Waitlisted).OrderBy(s => s.Sequence).First();
        using (var cancel = await http.SendAsync(As(leaver.Token, HttpMethod.Post, $"/api/v1/me/volunteer/sign-ups/{leaving.Id}/cancel")))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }
        var promotedPerson = racers.Single(r => r.Id == firstWaiting.VolunteerId).PersonId;
        var (promoted, secondWaiting, takenAfter, notice) = await app.AsSystemAsync(async (_, db) => (
            await db.SignUps.AsNoTracking().FirstAsync(s => s.Id == firstWaiting.Id),
            await db.SignUps.AsNoTracking().Where(s => s.PositionId == activity.PositionId && s.State == SignUpState.Waitlisted).CountAsync(),
            await db.Positions.Where(p => p.Id == activity.PositionId).Select(p => p.Taken).FirstAsync(),
            await db.Notices.AnyAsync(n => n.PersonId == promotedPerson && n.Kind == Qingyun.Domain.Notices.NoticeKind.PromotedFromWaitlist)));
        Assert.Equal(SignUpState.Confirmed, promoted.State);
        Assert.Equal(449, secondWaiting);
        Assert.Equal(50, takenAfter);
        Assert.True(notice);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"the race took {watch.Elapsed}");
    }
}

public sealed class SignUpRaceOnSqlite(SqliteApp app) : SignUpRaceTests(app), IClassFixture<SqliteApp>;

public sealed class SignUpRaceOnPostgres(PostgresApp app) : SignUpRaceTests(app), IClassFixture<PostgresApp>;
