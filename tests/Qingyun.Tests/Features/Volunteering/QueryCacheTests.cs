using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Query;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.Volunteering.VolunteeringKit;

namespace Qingyun.Tests.Features.Volunteering;

/// <summary>
/// Every request of a new user must reuse the queries compiled for the users before them. A query whose
/// expression tree carries a user's value as a constant is compiled (and its code generated and JIT-compiled)
/// again for every user, and each copy stays in the query cache: the check-in rush of a large activity would
/// spend its time compiling and the cache would grow with the number of volunteers.
/// </summary>
public abstract class QueryCacheTests(QingyunApp app)
{
    [Fact]
    public async Task AfterAWarmUp_ANewVolunteersSignUpCheckInAndOwnPage_CompileNoQuery()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var activity = await PublishAsync(app, organizer, TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), quota: 20);
        var volunteers = await ManyAsync(app, 8, seed: app.Provider == "Sqlite" ? 21 : 22);
        var token = await TokenAsync(organizer, activity.Id);
        using var http = app.CreateClient();

        async Task ServeAsync(RawVolunteer v)
        {
            using var signUp = await http.SendAsync(As(v.Token, HttpMethod.Post, $"/api/v1/me/volunteer/sign-ups/{activity.PositionId}"));
            Assert.Equal("Confirmed", (await OkJson(signUp)).GetProperty("state").GetString());
            var check = As(v.Token, HttpMethod.Post, "/api/v1/me/volunteer/check");
            check.Content = System.Net.Http.Json.JsonContent.Create(new { token, direction = "In" }, options: Json.Options);
            using var checkedIn = await http.SendAsync(check);
            Assert.False((await OkJson(checkedIn)).GetProperty("alreadyRecorded").GetBoolean());
            using var own = await http.SendAsync(As(v.Token, HttpMethod.Get, "/api/v1/me/volunteer"));
            await OkJson(own);
        }

        // The first volunteers compile what the path needs (in whatever state the cache was left by other tests).
        foreach (var v in volunteers.Take(3))
        {
            await ServeAsync(v);
        }

        using var compilations = await QueryCompilations.OfAsync(app);
        // The probe hears a cache miss: a value inlined as a constant (what this test guards against) is compiled.
        var probe = Guid.NewGuid();
        await app.AsSystemAsync((_, db) => db.Volunteers.IgnoreQueryFilters().CountAsync(v => v.Id == EF.Constant(probe)));
        Assert.Single(compilations.Queries);
        compilations.Queries.Clear();
        foreach (var v in volunteers.Skip(3))
        {
            await ServeAsync(v);
            Assert.True(compilations.Queries.IsEmpty,
                $"{compilations.Queries.Count} queries compiled for a new volunteer:\n" + string.Join("\n\n", compilations.Queries));
        }
    }
}

/// <summary>
/// The queries EF Core compiles for one app (its database) while this is alive: EF reports each compilation, a
/// query-cache miss, as <see cref="CoreEventId.QueryCompilationStarting"/> on its DiagnosticListener. Other test
/// classes run in the same process at the same time, so contexts on another database are ignored.
/// </summary>
public sealed class QueryCompilations : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _connection;
    private readonly IDisposable _all;
    private readonly List<IDisposable> _subscriptions = [];

    private QueryCompilations(string connection)
    {
        _connection = connection;
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public ConcurrentQueue<string> Queries { get; } = new();

    public static Task<QueryCompilations> OfAsync(QingyunApp app) => app.AsSystemAsync((_, db) =>
        Task.FromResult(new QueryCompilations(db.Database.GetConnectionString()!)));

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == CoreEventId.QueryCompilationStarting.Name && value.Value is QueryExpressionEventData e
            && e.Context?.Database.GetConnectionString() == _connection)
        {
            Queries.Enqueue(new ExpressionPrinter().PrintExpression(e.Expression));
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}

public sealed class QueryCacheOnSqlite(SqliteApp app) : QueryCacheTests(app), IClassFixture<SqliteApp>;

public sealed class QueryCacheOnPostgres(PostgresApp app) : QueryCacheTests(app), IClassFixture<PostgresApp>;
