using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Qingyun.Tests.Infrastructure;

/// <summary>
/// A throwaway, real PostgreSQL server for the test run: initdb into a temp directory,
/// pg_ctl start on a free loopback port, pg_ctl stop -m immediate and delete the directory on dispose.
/// Binaries come from /usr/lib/postgresql/15/bin unless QINGYUN_PG_BIN names another directory.
/// When the tests run as root (CI), initdb and pg_ctl run as the <c>postgres</c> user, since initdb refuses root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string DefaultBinDirectory = "/usr/lib/postgresql/15/bin";
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);

    private static readonly Lazy<Task<PostgresServer>> Shared =
        new(StartSharedAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _binDirectory;
    private readonly string _rootDirectory;
    private readonly bool _runAsServiceUser;
    private int _disposed;

    private PostgresServer(string binDirectory, string rootDirectory, bool runAsServiceUser)
    {
        _binDirectory = binDirectory;
        _rootDirectory = rootDirectory;
        _runAsServiceUser = runAsServiceUser;
    }

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_rootDirectory, "data");

    private string LogFile => Path.Combine(_rootDirectory, "log");

    /// <summary>One server per test process, started on first use and stopped when the process exits.</summary>
    public static Task<PostgresServer> SharedAsync() => Shared.Value;

    /// <summary>Starts a new server; the caller disposes it.</summary>
    public static async Task<PostgresServer> StartAsync()
    {
        var binDirectory = FindBinDirectory();
        var runAsServiceUser = Environment.IsPrivilegedProcess;
        if (runAsServiceUser)
        {
            await EnsureServiceUserAsync();
        }

        var rootDirectory = Path.Combine(
            Path.GetTempPath(), "qingyun-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(rootDirectory);
        var server = new PostgresServer(binDirectory, rootDirectory, runAsServiceUser);
        try
        {
            if (runAsServiceUser)
            {
                await RunCheckedAsync("chown", ["-R", ServiceUser, rootDirectory], rootDirectory);
                await RunCheckedAsync("chmod", ["0755", rootDirectory], rootDirectory);
            }

            server.StartWatchdog();
            await server.InitDbAsync();
            await server.PgCtlStartAsync();
            return server;
        }
        catch
        {
            await server.StopAsync();
            TryDeleteDirectory(rootDirectory);
            throw;
        }
    }

    /// <summary>An Npgsql connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            Pooling = true,
        }.ConnectionString;

    /// <summary>Creates a fresh, empty database named after <paramref name="prefix"/> plus a short guid; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var clean = new StringBuilder(prefix.Length);
        foreach (var c in prefix)
        {
            clean.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        var safePrefix = clean.Length > 40 ? clean.ToString(0, 40) : clean.ToString();
        var name = safePrefix + "_" + Guid.NewGuid().ToString("N")[..12];

        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>
    /// A fresh database owned by a login role of its own that is not a superuser, as the README deploys the app;
    /// returns a connection string that logs in as that role (the server trusts local logins).
    /// </summary>
    public async Task<string> CreateOwnedDatabaseAsync(string prefix)
    {
        var asSuperuser = new NpgsqlConnectionStringBuilder(await CreateDatabaseAsync(prefix));
        var name = asSuperuser.Database!;
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE ROLE \"{name}\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; ALTER DATABASE \"{name}\" OWNER TO \"{name}\"";
            await command.ExecuteNonQueryAsync();
        }
        asSuperuser.Username = name;
        return asSuperuser.ConnectionString;
    }

    /// <summary>Stops the server (pg_ctl stop -m immediate) and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await StopAsync();
        }
        finally
        {
            TryDeleteDirectory(_rootDirectory);
        }
    }

    private static async Task<PostgresServer> StartSharedAsync()
    {
        var server = await StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                Console.Error.WriteLine("Could not stop the shared PostgreSQL server: " + e.Message);
            }
        };
        return server;
    }

    /// <summary>
    /// The test host may be killed before ProcessExit handlers finish (dotnet test gives it little time),
    /// or may crash. A detached shell therefore waits for this process to end, then stops the server and
    /// deletes its directory; it exits early once the directory is gone (normal dispose).
    /// </summary>
    private void StartWatchdog()
    {
        const string script = """
            exec </dev/null >/dev/null 2>&1
            pid=$1; dir=$2; shift 2
            while kill -0 "$pid" && [ -d "$dir" ]; do sleep 0.5; done
            if [ -f "$dir/data/postmaster.pid" ]; then "$@" -D "$dir/data" -m immediate -w -t 30 stop; fi
            rm -rf "$dir"
            """;
        List<string> pgCtl = _runAsServiceUser
            ? ["runuser", "-u", ServiceUser, "--", Path.Combine(_binDirectory, "pg_ctl")]
            : [Path.Combine(_binDirectory, "pg_ctl")];
        List<string> arguments =
            ["-c", script, "pg-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), _rootDirectory, .. pgCtl];

        // setsid --fork puts the watchdog in its own session, outside this process tree,
        // so killing the test host's tree does not kill the watchdog too.
        var useSetsid = File.Exists("/usr/bin/setsid");
        var startInfo = new ProcessStartInfo(useSetsid ? "/usr/bin/setsid" : "/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _rootDirectory,
        };
        if (useSetsid)
        {
            startInfo.ArgumentList.Add("--fork");
            startInfo.ArgumentList.Add("/bin/sh");
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        try
        {
            Process.Start(startInfo)?.Dispose();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Without a watchdog, DisposeAsync and the ProcessExit handler still clean up on a normal exit.
        }
    }

    private async Task StopAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await RunPgAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"]);
        }
    }

    private async Task InitDbAsync()
    {
        string[] common = ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8"];
        var result = await RunPgAsync("initdb", [.. common, "--locale=C.UTF-8"]);
        if (result.ExitCode == 0)
        {
            return;
        }

        // Some systems have no C.UTF-8 locale; the C locale with UTF-8 encoding works everywhere.
        TryDeleteDirectory(DataDirectory);
        var fallback = await RunPgAsync("initdb", [.. common, "--no-locale"]);
        if (fallback.ExitCode != 0)
        {
            throw new InvalidOperationException(
                "initdb failed.\n--- with --locale=C.UTF-8 ---\n" + result.Describe()
                + "\n--- with --no-locale ---\n" + fallback.Describe());
        }
    }

    private async Task PgCtlStartAsync()
    {
        // The free port is found by binding and releasing it, so another process may take it
        // before the postmaster binds; try a few ports before giving up.
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            var options = string.Join(
                ' ',
                "-p", Port.ToString(CultureInfo.InvariantCulture),
                "-k", "'" + _rootDirectory + "'",
                "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off",
                "-c", "max_connections=500");
            var result = await RunPgAsync(
                "pg_ctl", ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options, "start"]);
            if (result.ExitCode == 0)
            {
                return;
            }

            var log = LogTail();
            var portTaken = log.Contains("could not bind", StringComparison.OrdinalIgnoreCase)
                || log.Contains("already in use", StringComparison.OrdinalIgnoreCase);
            if (!portTaken || attempt == attempts)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL did not start (pg_ctl exit code {result.ExitCode.ToString(CultureInfo.InvariantCulture)}).\n"
                    + result.Describe() + "\n--- server log tail (" + LogFile + ") ---\n" + log);
            }
        }
    }

    private Task<ProcessResult> RunPgAsync(string program, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_binDirectory, program);
        return _runAsServiceUser
            ? RunAsync("runuser", ["-u", ServiceUser, "--", path, .. arguments], _rootDirectory)
            : RunAsync(path, arguments, _rootDirectory);
    }

    private string LogTail(int lines = 40)
    {
        try
        {
            var all = File.ReadAllLines(LogFile);
            return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
        }
        catch (IOException e)
        {
            return "(no log: " + e.Message + ")";
        }
        catch (UnauthorizedAccessException e)
        {
            return "(no log: " + e.Message + ")";
        }
    }

    private static string FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("QINGYUN_PG_BIN");
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(configured))
        {
            candidates.Add(configured);
        }
        else
        {
            candidates.Add(DefaultBinDirectory);
            if (Directory.Exists("/usr/lib/postgresql"))
            {
                candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                    .Select(d => Path.Combine(d, "bin")));
            }
        }

        foreach (var candidate in candidates)
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) not found in " + string.Join(", ", candidates)
            + ". Run ./test.sh (it installs them), or `apt-get install postgresql-15`, or set QINGYUN_PG_BIN.");
    }

    private static async Task EnsureServiceUserAsync()
    {
        var tmp = Path.GetTempPath();
        if ((await RunAsync("id", ["-u", ServiceUser], tmp)).ExitCode == 0)
        {
            return;
        }

        var created = await RunAsync("useradd", ["--system", "--no-create-home", ServiceUser], tmp);
        // Another test process may have created the user meanwhile; only the final check counts.
        if ((await RunAsync("id", ["-u", ServiceUser], tmp)).ExitCode != 0)
        {
            throw new InvalidOperationException(
                "Running as root, so PostgreSQL must run as user 'postgres', which does not exist and could not be created.\n"
                + created.Describe());
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task RunCheckedAsync(string program, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var result = await RunAsync(program, arguments, workingDirectory);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Describe());
        }
    }

    private static async Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var commandLine = string.Join(
            ' ', arguments.Prepend(program).Select(a => a.Contains(' ', StringComparison.Ordinal) ? "\"" + a + "\"" : a));
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ProcessResult(commandLine, -1, string.Empty, "could not start: " + e.Message);
        }

        using var timeout = new CancellationTokenSource(CommandTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return new ProcessResult(commandLine, process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return new ProcessResult(
                commandLine, -1, string.Empty,
                "timed out after " + CommandTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s");
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort, as above.
        }
    }

    private sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
    {
        public string Describe() =>
            $"$ {CommandLine}\nexit code: {ExitCode.ToString(CultureInfo.InvariantCulture)}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
    }
}
