using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Qingyun.Bench;

/// <summary>
/// A throwaway PostgreSQL server for one bench run (the same recipe as the tests' PostgresServer): initdb into
/// <c>root</c>, pg_ctl start on a free loopback port, stop and delete on dispose. As root, initdb and pg_ctl run as
/// the <c>postgres</c> user. Binaries from /usr/lib/postgresql/15/bin unless QINGYUN_PG_BIN says otherwise.
/// </summary>
public sealed class PgCluster : IAsyncDisposable
{
    private readonly string _root;
    private readonly bool _asService = Environment.IsPrivilegedProcess;

    private PgCluster(string root) => _root = root;

    public static string BinDirectory => Environment.GetEnvironmentVariable("QINGYUN_PG_BIN") is { Length: > 0 } b ? b : "/usr/lib/postgresql/15/bin";

    public int Port { get; private set; }

    /// <summary>Stop the server at the end but leave its files, for <see cref="AttachAsync"/> in a later run.</summary>
    public bool Keep { get; set; }

    public string Root => _root;

    private string Data => Path.Combine(_root, "data");

    /// <summary>The server settings, for the report.</summary>
    public static readonly string[] Settings =
    [
        "listen_addresses=127.0.0.1", "shared_preload_libraries=pg_stat_statements", "max_connections=300", "shared_buffers=1GB", "maintenance_work_mem=1GB",
        "fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_wal_size=8GB", "checkpoint_timeout=30min",
    ];

    public static async Task<PgCluster> StartAsync(string parent)
    {
        var root = Path.Combine(parent, "qingyun-bench-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        var c = new PgCluster(root);
        if (c._asService)
        {
            await Run("chown", ["-R", "postgres", root]);
        }
        await c.Pg("initdb", ["-D", c.Data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]);
        await c.StartServerAsync();
        return c;
    }

    /// <summary>Starts the server of a cluster an earlier run kept (<see cref="Keep"/>); it is kept again unless told otherwise.</summary>
    public static async Task<PgCluster> AttachAsync(string root)
    {
        var c = new PgCluster(root) { Keep = true };
        await c.StartServerAsync();
        return c;
    }

    private async Task StartServerAsync()
    {
        var c = this;
        var root = _root;
        using (var l = new TcpListener(IPAddress.Loopback, 0))
        {
            l.Start();
            c.Port = ((IPEndPoint)l.LocalEndpoint).Port;
        }
        var options = string.Join(' ', Settings.Select(s => "-c " + s)) + $" -p {c.Port} -k '{root}'";
        await c.Pg("pg_ctl", ["-D", c.Data, "-l", Path.Combine(root, "log"), "-w", "-t", "120", "-o", options, "start"]);
    }

    public string ConnectionString(string database, int maxPool = 100) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, MaxPoolSize = maxPool,
    }.ConnectionString;

    public async Task<string> CreateDatabaseAsync(string name, int maxPool = 100)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return ConnectionString(name, maxPool);
    }

    /// <summary>Size of the data directory, in GB.</summary>
    public double SizeGb() => new DirectoryInfo(Data).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / 1e9;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await Pg("pg_ctl", ["-D", Data, "-m", "fast", "-w", "-t", "60", "stop"]);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
        }
        if (!Keep)
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private Task<string> Pg(string program, string[] args) => _asService
        ? Run("runuser", ["-u", "postgres", "--", Path.Combine(BinDirectory, program), .. args])
        : Run(Path.Combine(BinDirectory, program), args);

    public static async Task<string> Run(string program, IEnumerable<string> args, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? Path.GetTempPath() };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', psi.ArgumentList)} exited {p.ExitCode.ToString(CultureInfo.InvariantCulture)}:\n{await stdout}\n{await stderr}");
        }
        return await stdout + await stderr;
    }
}
