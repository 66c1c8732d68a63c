namespace Qingyun.Security;

/// <summary>
/// A caller's scope for one permission as path ranges, the shape a B-tree index answers: a subtree
/// "/a/b/" is every path p with "/a/b/" &lt;= p &lt; "/a/b0" ('0' follows '/'). Four slots cover almost
/// every account (one to three grants); the rest go to <see cref="More"/>. Unused slots hold an empty
/// range. System mode is one range over every path.
/// </summary>
public sealed class ScopeRanges
{
    private const string Nothing = "";

    public string Lo0 { get; private set; } = Nothing;
    public string Hi0 { get; private set; } = Nothing;
    public string Lo1 { get; private set; } = Nothing;
    public string Hi1 { get; private set; } = Nothing;
    public string Lo2 { get; private set; } = Nothing;
    public string Hi2 { get; private set; } = Nothing;
    public string Lo3 { get; private set; } = Nothing;
    public string Hi3 { get; private set; } = Nothing;
    public bool HasMore { get; private set; }
    public string[] More { get; private set; } = [];

    public static readonly ScopeRanges All = From(["/"]);

    public static string UpperBound(string path) => path[..^1] + "0";

    public static ScopeRanges From(IReadOnlyList<string> paths)
    {
        string Lo(int i) => i < paths.Count ? paths[i] : Nothing;
        string Hi(int i) => i < paths.Count ? UpperBound(paths[i]) : Nothing;
        return new ScopeRanges
        {
            Lo0 = Lo(0), Hi0 = Hi(0), Lo1 = Lo(1), Hi1 = Hi(1), Lo2 = Lo(2), Hi2 = Hi(2), Lo3 = Lo(3), Hi3 = Hi(3),
            HasMore = paths.Count > 4,
            More = paths.Skip(4).ToArray(),
        };
    }
}
