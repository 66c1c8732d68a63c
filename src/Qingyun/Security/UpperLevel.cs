using Qingyun.Domain.Access;

namespace Qingyun.Security;

/// <summary>
/// "The approval of the level above" (上级团委审批): admission, the yearly registration and 推优 are
/// decided by someone who manages the branch's parent unit, not by the branch itself.
/// </summary>
public static class UpperLevel
{
    /// <summary>"/a/b/c/" → "/a/b/"; a root has no level above.</summary>
    public static string? ParentPath(string path)
    {
        var trimmed = path.AsSpan(0, path.Length - 1);
        var cut = trimmed.LastIndexOf('/');
        return cut <= 0 ? null : path[..(cut + 1)];
    }

    public static bool CanApprove(this CurrentScope scope, string unitPath) =>
        ParentPath(unitPath) is { } parent && scope.Covers(parent, Permission.PeopleManage);

    /// <summary>The deepest unit above or at both paths: the common ancestor whose admins route a cross-scope request.</summary>
    public static string CommonAncestorPath(string a, string b)
    {
        var length = 0;
        for (var i = 0; i < Math.Min(a.Length, b.Length) && a[i] == b[i]; i++)
        {
            if (a[i] == '/')
            {
                length = i + 1;
            }
        }
        return a[..length];
    }
}
