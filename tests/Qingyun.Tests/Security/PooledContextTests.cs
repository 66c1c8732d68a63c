using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Data;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Security;

/// <summary>
/// DbContexts are pooled. The scope filter reads the scope the context carries, so a context must never leave a
/// request still holding that request's scope: back in the pool it sees nothing.
/// </summary>
public abstract class PooledContextTests(QingyunApp app)
{
    [Fact]
    public async Task ContextsBackInThePool_HoldNoOnesScope_AndSeeNothing()
    {
        // A request with the widest scope there is reads people, then hands its context back.
        var everyone = await app.AsSystemAsync((_, db) => db.People.CountAsync());
        Assert.True(everyone > 0);

        // Take every context the pool holds (more than the tests ever use at once), as code outside a request would.
        await using var services = app.Services.CreateAsyncScope();
        var rented = Enumerable.Range(0, 64).Select(_ => Rent(services.ServiceProvider)).ToList();
        try
        {
            Assert.All(rented, db => Assert.False(db.Scope.Unrestricted));
            Assert.All(rented, db => Assert.Empty(db.Scope.Grants));
            Assert.Equal(0, await rented[0].People.CountAsync());
            // The people are there; the context just has no grant to see them.
            Assert.True(await rented[0].People.IgnoreQueryFilters().CountAsync() >= everyone);
        }
        finally
        {
            foreach (var db in rented)
            {
                await db.DisposeAsync();
            }
        }
    }

    private AppDbContext Rent(IServiceProvider sp) => app.Provider == "Sqlite"
        ? sp.GetRequiredService<IDbContextFactory<SqliteAppDbContext>>().CreateDbContext()
        : sp.GetRequiredService<IDbContextFactory<PostgresAppDbContext>>().CreateDbContext();
}

public sealed class PooledContextOnSqlite(SqliteApp app) : PooledContextTests(app), IClassFixture<SqliteApp>;

public sealed class PooledContextOnPostgres(PostgresApp app) : PooledContextTests(app), IClassFixture<PostgresApp>;
