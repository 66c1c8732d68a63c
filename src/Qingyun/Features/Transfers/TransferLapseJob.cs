using Qingyun.Security;

namespace Qingyun.Features.Transfers;

/// <summary>Lapses unanswered transfer requests every few minutes, as the system (no user is behind it).</summary>
public sealed class TransferLapseJob(IServiceScopeFactory scopes, ILogger<TransferLapseJob> log, TimeProvider clock) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("transfer-lapse");
                var lapsed = await scope.ServiceProvider.GetRequiredService<TransferSteps>().LapseDueAsync(stoppingToken);
                if (lapsed > 0)
                {
                    log.LogInformation("{Count} transfer requests lapsed", lapsed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed round is retried at the next tick; it must not stop the host.
                log.LogError(e, "Lapsing transfer requests failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
