#pragma once

#include "ui/shell/Page.h"

class QLabel;
class QPushButton;
class Tenant;

/**
 * @brief Applications > APIs: the tenant's APIs. Authdeck serves one, the system API "Auth0 Management API";
 *        its row opens its page.
 */
class ApisPage : public Page
{
    Q_OBJECT

public:
    ApisPage(Tenant &tenant, QWidget *parent = nullptr);

    void open(const QString &argument) override;

private:
    void updateIdentifier();
    void updateIcons();

    Tenant &m_tenant;
    QPushButton *m_managementApi;
    QLabel *m_icon;
    QLabel *m_identifier;
};
