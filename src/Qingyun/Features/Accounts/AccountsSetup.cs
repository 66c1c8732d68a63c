namespace Qingyun.Features.Accounts;

public static class AccountsSetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddScoped<BrowseAccounts>();
        services.AddScoped<CreateAccount.Handler>();
        services.AddScoped<GrantRole.Handler>();
        services.AddScoped<ResetPassword.Handler>();
        services.AddScoped<ApiTokens>();
        services.AddScoped<Audit.SearchAudit>();
        return services;
    }
}
