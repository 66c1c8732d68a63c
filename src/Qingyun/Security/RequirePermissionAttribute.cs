using Microsoft.AspNetCore.Authorization;
using Qingyun.Domain.Access;

namespace Qingyun.Security;

/// <summary>
/// The route-level half of the scope rule: the caller must hold the permission on some unit. The
/// record-level half is the DbContext's scope filter plus <see cref="CurrentScope.Covers"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequirePermissionAttribute(Permission permission) : AuthorizeAttribute(PolicyName(permission))
{
    public Permission Permission { get; } = permission;

    public static string PolicyName(Permission permission) => "perm:" + permission;
}

public sealed class PermissionRequirement(Permission permission) : IAuthorizationRequirement
{
    public Permission Permission { get; } = permission;
}

public sealed class PermissionHandler(CurrentScope scope) : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && scope.Has(requirement.Permission))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

public static class PermissionEndpointExtensions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new RequirePermissionAttribute(permission));
}
