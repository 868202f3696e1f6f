#pragma once

#include "core/store/Database.h"

#include <QObject>
#include <QStringList>

#include <memory>

class Tenant;
struct Integration;

/**
 * @brief Configures the whole story in a tenant, against the local test phone: a React single-page
 *        application with its local URLs, the Plivo integration in sandbox mode, the Send Phone Message
 *        flow applied, the Phone Message factor on, the policy Always, and one user.
 *
 * Used by `authdeck --demo` on a new demo tenant, and by the screenshot renderer.
 *
 * Seeding is all or nothing: everything is written in one transaction held from the first write to the
 * last (Database::hold()), so a failure, or a kill, leaves the tenant as it was. The integration's secrets
 * are written first, before its row, and removed again when seeding fails. The services announce each
 * step as they make it: run the seeder before views are built on the tenant, since a failure takes back
 * what they were told.
 */
class DemoSeeder : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *DemoEmail = "demo@authdeck.test";
    static constexpr const char *DemoPassword = "authdeck-demo";

    /// @p tenant must outlive the seeder.
    explicit DemoSeeder(Tenant &tenant, QObject *parent = nullptr);
    ~DemoSeeder() override;

    /**
     * @brief Starts seeding; finished() reports the outcome.
     *
     * A new tenant gets the whole story. A demo that an earlier Authdeck left half made (only the demo
     * application, perhaps with some of the later steps; no demo user) is completed, reusing what is
     * there. A tenant that has the demo user, or applications of its own, is left as it is.
     */
    void start();

Q_SIGNALS:
    /// @p error is empty on success.
    void finished(const QString &error);

private:
    /// The client id of the demo application when it is the tenant's only one, "" for no application,
    /// nothing when the tenant holds more than a half-made demo.
    Result<std::optional<QString>> demoApplication() const;
    Result<void> configureApplication(const QString &existingClientId);
    void installPlivo();
    void configureStory(const Integration &plivo);
    /// Rolls back, removes the secrets of an integration installed by this run, then reports @p error.
    void failWith(const QString &error);
    void finishWith(const QString &error);

    Tenant &m_tenant;
    std::unique_ptr<Database::HeldTransaction> m_transaction;
    QStringList m_writtenSecrets; ///< secret keys written by this run, removed when it fails
};
