using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;

namespace Qingyun.Cli;

/// <summary>
/// `qingyun backup` / `restore`. SQLite: a consistent copy by VACUUM INTO (safe while serving); restore
/// copies it back (stop the server first). PostgreSQL: pg_dump / pg_restore in custom format.
/// </summary>
public static class Backup
{
    public static async Task<int> RunBackupAsync(IServiceProvider services, string? file)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var connection = db.Database.GetConnectionString()!;
        var folder = Path.Combine(DataSetup.DataFolder(scope.ServiceProvider.GetRequiredService<IConfiguration>()), "backups");
        if (db.Database.IsSqlite())
        {
            file = Path.GetFullPath(file ?? Path.Combine(folder, $"qingyun-{stamp}.db"));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            if (File.Exists(file))
            {
                await Console.Error.WriteLineAsync($"文件已存在 / file exists: {file}");
                return 2;
            }
            var quoted = file.Replace("'", "''", StringComparison.Ordinal);
            // VACUUM INTO takes no parameters; the operator's own path is quoted above.
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync($"VACUUM INTO '{quoted}'");
#pragma warning restore EF1002
        }
        else
        {
            file = Path.GetFullPath(file ?? Path.Combine(folder, $"qingyun-{stamp}.dump"));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var code = await CommandLine.RunProcessAsync("pg_dump", ["--format=custom", "--no-owner", "--file", file], CommandLine.PgEnv(connection));
            if (code != 0)
            {
                return code;
            }
        }
        Console.WriteLine($"备份完成 / backup written: {file}");
        return 0;
    }

    public static async Task<int> RunRestoreAsync(IServiceProvider services, string? file)
    {
        if (file is null || !File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"找不到备份文件 / backup file not found: {file}");
            return 2;
        }
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = db.Database.GetConnectionString()!;
        if (db.Database.IsSqlite())
        {
            var target = new SqliteConnectionStringBuilder(connection).DataSource;
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "-wal", "-shm" })
            {
                File.Delete(target + suffix);
            }
            File.Copy(file, target, overwrite: true);
        }
        else
        {
            var code = await CommandLine.RunProcessAsync("pg_restore", ["--clean", "--if-exists", "--no-owner", "--dbname", new Npgsql.NpgsqlConnectionStringBuilder(connection).Database ?? "", file], CommandLine.PgEnv(connection));
            if (code != 0)
            {
                return code;
            }
        }
        Console.WriteLine($"已恢复 / restored from: {file}");
        return 0;
    }
}
