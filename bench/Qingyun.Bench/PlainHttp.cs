using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Qingyun.Bench;

/// <summary>
/// One keep-alive HTTP/1.1 connection for the check-in bench's clients: a POST with a JSON body, its answer read in
/// full (by Content-Length or chunked) and returned. The floor's client is pgbench, written in C, at 0.014 ms of CPU
/// per insert; HttpClient spent 0.05 ms per check-in, and on this two-core machine the client's CPU is taken from the
/// app and the database it measures. This is the same protocol on the same sockets at a fraction of the cost; the
/// app cannot tell it from any other client.
/// </summary>
internal sealed class PlainHttp : IDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly string _host;
    private readonly byte[] _out = new byte[4096];
    private byte[] _in = new byte[16 * 1024];
    private int _start;
    private int _end;

    private PlainHttp(Socket socket, int port)
    {
        _socket = socket;
        _host = $"127.0.0.1:{port}";
    }

    public static async Task<PlainHttp> OpenAsync(int port, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct);
            return new PlainHttp(socket, port);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The status and body of the answer. Throws <see cref="IOException"/> when the connection breaks or the answer is not HTTP.</summary>
    public async Task<(int Status, byte[] Body, bool KeepAlive)> PostJsonAsync(string path, string bearer, string json, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetByteCount(json);
        var head = $"POST {path} HTTP/1.1\r\nHost: {_host}\r\nAuthorization: Bearer {bearer}\r\nContent-Type: application/json\r\nContent-Length: {body}\r\n\r\n";
        var n = Encoding.ASCII.GetBytes(head, _out);
        n += Encoding.UTF8.GetBytes(json, _out.AsSpan(n));
        for (var sent = 0; sent < n;)
        {
            sent += await _socket.SendAsync(_out.AsMemory(sent, n - sent), SocketFlags.None, ct);
        }

        int headerLength;
        while ((headerLength = _in.AsSpan(_start, _end - _start).IndexOf(HeaderEnd)) < 0)
        {
            await FillAsync(ct);
        }
        var lines = Encoding.ASCII.GetString(_in, _start, headerLength).Split("\r\n");
        _start += headerLength + HeaderEnd.Length;
        var status = lines[0].Split(' ');
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(status[1], out var code))
        {
            throw new IOException($"not an HTTP answer: {lines[0]}");
        }
        long? length = null;
        var chunked = false;
        var keepAlive = true;
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                keepAlive = !value.Equals("close", StringComparison.OrdinalIgnoreCase);
            }
        }

        if (!chunked)
        {
            return (code, await TakeAsync((int)(length ?? 0), ct), keepAlive);
        }
        using var collected = new MemoryStream();
        while (true)
        {
            var line = await LineAsync(ct);
            var size = line.AsSpan().IndexOf((byte)';') is var semi and >= 0 ? line.AsSpan(0, semi) : line;
            if (!Utf8Parser.TryParse(size, out int chunk, out _, 'x'))
            {
                throw new IOException("bad chunk size");
            }
            if (chunk == 0)
            {
                // Trailers, if any, end with an empty line.
                while ((await LineAsync(ct)).Length > 0)
                {
                }
                return (code, collected.ToArray(), keepAlive);
            }
            collected.Write(await TakeAsync(chunk, ct));
            if ((await LineAsync(ct)).Length != 0)
            {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    /// <summary>The next line, without its CRLF.</summary>
    private async Task<byte[]> LineAsync(CancellationToken ct)
    {
        int at;
        while ((at = _in.AsSpan(_start, _end - _start).IndexOf(LineEnd)) < 0)
        {
            await FillAsync(ct);
        }
        var line = _in.AsSpan(_start, at).ToArray();
        _start += at + LineEnd.Length;
        return line;
    }

    private async Task<byte[]> TakeAsync(int count, CancellationToken ct)
    {
        while (_end - _start < count)
        {
            await FillAsync(ct);
        }
        var taken = _in.AsSpan(_start, count).ToArray();
        _start += count;
        return taken;
    }

    private async Task FillAsync(CancellationToken ct)
    {
        if (_start > 0)
        {
            _in.AsSpan(_start, _end - _start).CopyTo(_in);
            _end -= _start;
            _start = 0;
        }
        if (_end == _in.Length)
        {
            Array.Resize(ref _in, _in.Length * 2);
        }
        var read = await _socket.ReceiveAsync(_in.AsMemory(_end), SocketFlags.None, ct);
        if (read == 0)
        {
            throw new IOException("the server closed the connection");
        }
        _end += read;
    }

    public void Dispose() => _socket.Dispose();
}
