#pragma once

#include <QString>

class Tenant;

/**
 * @brief Fills a tenant with many applications for the benchmarks, through ApplicationService.
 *
 * Names look like "Billing App 1234"; the four application types take turns, so half of the
 * applications are confidential and get a client secret in the tenant's secret store.
 */
class BenchTenant
{
public:
    static constexpr int DefaultApplications = 10000;

    /// The number of applications to seed: AUTHDECK_BENCH_APPS when set, else DefaultApplications.
    static int applicationCount();

    /**
     * @brief Creates @p count applications in @p tenant, then runs the secret jobs that creating them queued.
     * @return the error text, or an empty string on success
     */
    static QString seed(Tenant &tenant, int count);
    /**
     * @brief Starts the local test phone and seeds the demo story (DemoSeeder) in @p tenant, waiting for it.
     * @return the error text, or an empty string on success
     */
    static QString seedDemo(Tenant &tenant);
};
