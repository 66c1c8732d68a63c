using Qingyun.Infrastructure;

namespace Qingyun.Features.Transfers;

/// <summary>Lapses unanswered transfer requests every few minutes, as the system (no user is behind it).</summary>
public sealed class TransferLapseJob(IServiceScopeFactory scopes, ILogger<TransferLapseJob> log, TimeProvider clock) : PeriodicJob(scopes, log, clock)
{
    protected override TimeSpan Every => TimeSpan.FromMinutes(5);

    protected override string Actor => "transfer-lapse";

    protected override Task<int> RunOnceAsync(IServiceProvider services, TimeProvider clock, CancellationToken ct) => services.GetRequiredService<TransferSteps>().LapseDueAsync(ct);
}
