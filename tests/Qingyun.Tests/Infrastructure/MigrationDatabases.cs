using Microsoft.EntityFrameworkCore;
using Qingyun.Data;

namespace Qingyun.Tests.Infrastructure;

/// <summary>
/// An empty database of each provider, with no migration applied, for the tests that bring one up to a migration,
/// write rows the way the code of that time stored them, and migrate on.
/// </summary>
public static class MigrationDatabases
{
    /// <summary>A SQLite file of its own (the caller deletes it); unpooled, so the file is free once the context is disposed.</summary>
    public static AppDbContext Sqlite(string file) => new SqliteAppDbContext(
        new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options);

    public static async Task<AppDbContext> PostgresAsync()
    {
        var server = await PostgresServer.SharedAsync();
        var connection = await server.CreateDatabaseAsync("qy_migration");
        return new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connection).Options);
    }
}
