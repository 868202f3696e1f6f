#pragma once

#include <QObject>

class Tenant;

/**
 * @brief Configures the whole story in a tenant, against the local test phone: a React single-page
 *        application with its local URLs, the Plivo integration in sandbox mode, the Send Phone Message
 *        flow applied, the Phone Message factor on, the policy Always, and one user.
 *
 * Used by `authdeck --demo` on a new demo tenant, and by the screenshot renderer.
 */
class DemoSeeder : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *DemoEmail = "demo@authdeck.test";
    static constexpr const char *DemoPassword = "authdeck-demo";

    explicit DemoSeeder(Tenant &tenant, QObject *parent = nullptr);

    /// Starts seeding; finished() reports the outcome. Does nothing to a tenant that has applications.
    void start();

Q_SIGNALS:
    /// @p error is empty on success.
    void finished(const QString &error);

private:
    void configureStory(const QString &integrationId, const QString &integrationName);
    void finishWith(const QString &error);

    Tenant &m_tenant;
};
