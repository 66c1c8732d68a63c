using Qingyun.Domain.Access;
using Qingyun.Security;

namespace Qingyun.Tests.Unit;

public sealed class RolesTests
{
    [Fact]
    public void ALeagueAdminMayGrantCadreButNotSystemAdmin()
    {
        Assert.True(Roles.CanGrant([Role.LeagueAdmin], Role.Cadre));
        Assert.True(Roles.CanGrant([Role.LeagueAdmin], Role.LeagueAdmin));
        Assert.False(Roles.CanGrant([Role.LeagueAdmin], Role.SystemAdmin));
    }

    [Fact]
    public void ACadreMayGrantNothing() =>
        Assert.All(Enum.GetValues<Role>(), r => Assert.False(Roles.CanGrant([Role.Cadre], r)));

    [Fact]
    public void AGrantCoversItsSubtreeButNotSiblingsWithACommonPrefix()
    {
        var scope = new CurrentScope();
        scope.Load(Guid.NewGuid(), "t", [new ScopeGrant(Guid.NewGuid(), Guid.NewGuid(), "/a/b/", "B", "B", Role.LeagueAdmin)]);
        Assert.True(scope.Covers("/a/b/", Permission.UnitsManage));
        Assert.True(scope.Covers("/a/b/c/", Permission.UnitsManage));
        Assert.False(scope.Covers("/a/", Permission.UnitsRead));
        Assert.False(scope.Covers("/a/bb/", Permission.UnitsRead));
    }

    [Fact]
    public void NestedGrantsCollapseToTheOuterPath()
    {
        var scope = new CurrentScope();
        scope.Load(Guid.NewGuid(), "t",
        [
            new ScopeGrant(Guid.NewGuid(), Guid.NewGuid(), "/a/", "A", "A", Role.Cadre),
            new ScopeGrant(Guid.NewGuid(), Guid.NewGuid(), "/a/b/", "B", "B", Role.LeagueAdmin),
        ]);
        Assert.Equal(["/a/"], scope.PathsWith(Permission.PeopleRead));
        Assert.Equal(["/a/b/"], scope.PathsWith(Permission.SensitiveReveal));
    }

    [Fact]
    public void AnUnloadedScopeSeesNothing()
    {
        var scope = new CurrentScope();
        Assert.False(scope.Has(Permission.UnitsRead));
        Assert.Empty(scope.PathsWith(Permission.UnitsRead));
    }
}
