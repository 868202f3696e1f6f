#pragma once

#include "ui/shell/Page.h"

class QLabel;
class QPushButton;
class SmsGateway;
class Tenant;

/**
 * @brief One catalog entry: what it does, who publishes it, and Add Integration
 *        (consent, then the configuration form, then Create).
 */
class IntegrationPage : public Page
{
    Q_OBJECT

public:
    IntegrationPage(Tenant &tenant, SmsGateway &gateway, QWidget *parent = nullptr);

    /// Opens catalog entry @p argument (its id).
    void open(const QString &argument) override;

    /// Runs the install flow: consent, configuration, Create.
    void addIntegration();

private:
    Tenant &m_tenant;
    SmsGateway &m_gateway;
    QString m_catalogId;
    QLabel *m_logo;
    QLabel *m_title;
    QLabel *m_publisher;
    QLabel *m_description;
    QLabel *m_details;
    QLabel *m_installedNote;
    QPushButton *m_add;
};
