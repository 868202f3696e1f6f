#pragma once

#include "core/model/Application.h"

#include <QWidget>

class ClientGrantEditor;
class MessageBar;
class QCheckBox;
class QLabel;
class Tenant;

/**
 * @brief A machine-to-machine application's APIs tab: whether it may call the tenant's Management API, and
 *        with which scopes (its client grant), as the dashboard's application > APIs tab has it.
 *
 * Authorize and the scope boxes change nothing until Update; Update writes the grant (create, change or
 * remove) in one step and says what it did. A change made elsewhere (Applications > APIs, the Management
 * API) shows at once.
 */
class ApplicationApisTab : public QWidget
{
    Q_OBJECT

public:
    explicit ApplicationApisTab(Tenant &tenant, QWidget *parent = nullptr);

    void load(const Application &application);

private:
    Tenant &m_tenant;
    Application m_application;
    MessageBar *m_message;
    QLabel *m_audience;
    QCheckBox *m_authorized;
    ClientGrantEditor *m_editor;
};
