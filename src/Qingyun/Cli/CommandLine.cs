using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Organization;
using Qingyun.Security;

namespace Qingyun.Cli;

public sealed record Command(string? Verb, string[] VerbArgs, string[] HostArgs, bool Demo);

/// <summary>
/// The `qingyun` command line beside the server. It builds the same app (same configuration keys) and
/// uses its services, so `--Database:Provider Postgres` works here exactly as for the server.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["migrate", "create-admin", "seed-demo", "backup", "restore", "verify", "figures", "help"];

    public static Command Parse(string[] args)
    {
        var demo = args.Contains("--demo");
        var rest = args.Where(a => a != "--demo").ToList();
        if (rest.Count > 0 && Verbs.Contains(rest[0]))
        {
            // Options of the verb (--username x) are not host configuration; host keys contain ':' or are known.
            var verbArgs = new List<string>();
            var hostArgs = new List<string>();
            for (var i = 1; i < rest.Count; i++)
            {
                var a = rest[i];
                var isHost = a.Contains(':', StringComparison.Ordinal) || a.StartsWith("--urls", StringComparison.OrdinalIgnoreCase)
                    || a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase);
                var target = isHost ? hostArgs : verbArgs;
                target.Add(a);
                if (!a.Contains('=', StringComparison.Ordinal) && a.StartsWith("--", StringComparison.Ordinal) && i + 1 < rest.Count && !rest[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    target.Add(rest[++i]);
                }
            }
            return new Command(rest[0], [.. verbArgs], [.. hostArgs], demo);
        }
        return new Command(null, [], [.. rest], demo);
    }

    public static async Task<int> RunAsync(WebApplication app, Command command)
    {
        var opts = Options(command.VerbArgs);
        try
        {
            switch (command.Verb)
            {
                case "migrate":
                    await DataSetup.MigrateAsync(app.Services);
                    Console.WriteLine("数据库已迁移到最新结构。 Database migrated.");
                    return 0;
                case "create-admin":
                    await DataSetup.MigrateAsync(app.Services);
                    return await CreateAdminAsync(app.Services, opts);
                case "seed-demo":
                    await DataSetup.MigrateAsync(app.Services);
                    await DemoDistrict.SeedAndPrintAsync(app.Services, Console.Out);
                    return 0;
                case "backup":
                    return await Backup.RunBackupAsync(app.Services, FileArgument(command, opts));
                case "restore":
                    return await Backup.RunRestoreAsync(app.Services, FileArgument(command, opts));
                case "verify":
                    return await VerifyLedger.RunAsync(app.Services, Console.Out);
                case "figures" when command.VerbArgs.FirstOrDefault() == "rebuild":
                    await DataSetup.MigrateAsync(app.Services);
                    return await RebuildFiguresAsync(app.Services);
                default:
                    PrintHelp();
                    return 0;
            }
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"失败 / failed: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> RebuildFiguresAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Security.CurrentScope>().RunAsSystem("figures-rebuild");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // A city's hours record (20M lines) is counted in a few grouped reads of a minute or more each; the 30 s default
        // made every retry time out too (issue 8's benchmark).
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (cells, subjects) = await Features.Indicators.Rebuild.RunAsync(db, TimeProvider.System.GetUtcNow(), CancellationToken.None);
        Console.WriteLine($"统计汇总已重算：{cells:N0} 个单元格，{subjects:N0} 条人数记录，用时 {started.Elapsed.TotalSeconds:N1} 秒。 Roll-ups rebuilt.");
        return 0;
    }

    /// <summary>A file named on the command line, relative to the caller's folder (`./qingyun` runs in the project folder).</summary>
    private static string? FileArgument(Command command, Dictionary<string, string> opts)
    {
        var file = opts.GetValueOrDefault("file") ?? command.VerbArgs.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        var caller = Environment.GetEnvironmentVariable("QINGYUN_CALLER_DIR");
        return file is null || Path.IsPathRooted(file) || string.IsNullOrEmpty(caller) ? file : Path.Combine(caller, file);
    }

    private static void PrintHelp() => Console.WriteLine("""
        qingyun                       启动平台 / serve (http://127.0.0.1:5080)
        qingyun --demo                启动并载入示范区 / serve with the demo district
        qingyun migrate               迁移数据库 / apply migrations
        qingyun create-admin --username NAME --password PASS [--name 显示名] [--phone 手机号] [--unit 组织代码] [--root-name 根组织名称]
        qingyun seed-demo             载入示范区 / seed the demo district
        qingyun backup [FILE]         备份数据库 / back up the database
        qingyun restore FILE          从备份恢复（先停止服务）/ restore (stop the server first)
        qingyun verify                校验志愿服务记录哈希链 / verify the volunteer hours record (exit 2 if tampered)
        qingyun figures rebuild       从原始记录重算全部统计汇总 / recount every roll-up from the records
        配置 / configuration: --Database:Provider Sqlite|Postgres --ConnectionStrings:Qingyun "..."
        """);

    private static Dictionary<string, string> Options(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }
            var key = args[i][2..];
            var eq = key.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                result[key[..eq]] = key[(eq + 1)..];
            }
            else if (i + 1 < args.Length)
            {
                result[key] = args[++i];
            }
        }
        return result;
    }

    private static async Task<int> CreateAdminAsync(IServiceProvider services, Dictionary<string, string> opts)
    {
        if (!opts.TryGetValue("username", out var username) || !opts.TryGetValue("password", out var password))
        {
            await Console.Error.WriteLineAsync("需要 --username 和 --password。 --username and --password are required.");
            return 2;
        }
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("cli");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();

        OrgUnit? unit;
        if (opts.TryGetValue("unit", out var code))
        {
            unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Code == code);
            if (unit is null)
            {
                await Console.Error.WriteLineAsync($"找不到组织代码 {code}。 Unit not found.");
                return 2;
            }
        }
        else
        {
            unit = await db.OrgUnits.Where(u => u.ParentId == null).OrderBy(u => u.CreatedAt).FirstOrDefaultAsync();
            if (unit is null)
            {
                var id = Guid.CreateVersion7();
                unit = new OrgUnit
                {
                    Id = id,
                    Code = "ROOT",
                    Name = opts.GetValueOrDefault("root-name") ?? "团省委",
                    Kind = UnitKind.Province,
                    BodyType = LeagueBodyType.Committee,
                    Path = OrgUnit.PathFor(null, id),
                    RootId = id,
                    CreatedAt = clock.GetUtcNow(),
                };
                db.OrgUnits.Add(unit);
                db.OrgUnitEvents.Add(new OrgUnitEvent { UnitId = id, Kind = OrgUnitEventKind.Created, After = unit.Name, At = clock.GetUtcNow(), ByUserName = "cli" });
                await db.SaveChangesAsync();
            }
        }
        var user = new AppUser
        {
            UserName = username,
            DisplayName = opts.GetValueOrDefault("name") ?? username,
            PhoneNumber = opts.GetValueOrDefault("phone"),
            HomeUnitId = unit.Id,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            await Console.Error.WriteLineAsync(string.Join("；", created.Errors.Select(e => e.Description)));
            return 2;
        }
        db.Grants.Add(new Grant { UserId = user.Id, UnitId = unit.Id, Role = Role.SystemAdmin, GrantedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync();
        Console.WriteLine($"已创建系统管理员 {username}（{unit.Name}）。 System admin created.");
        return 0;
    }

    internal static async Task<int> RunProcessAsync(string file, IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        await p.WaitForExitAsync();
        return p.ExitCode;
    }

    internal static Dictionary<string, string> PgEnv(string connection)
    {
        var b = new NpgsqlConnectionStringBuilder(connection);
        return new Dictionary<string, string>
        {
            ["PGHOST"] = b.Host ?? "127.0.0.1",
            ["PGPORT"] = b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGDATABASE"] = b.Database ?? "",
            ["PGUSER"] = b.Username ?? "",
            ["PGPASSWORD"] = b.Password ?? "",
        };
    }
}
