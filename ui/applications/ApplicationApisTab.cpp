#include "ApplicationApisTab.h"

#include "core/applications/ClientGrantService.h"
#include "core/server/LoginServer.h"
#include "core/server/ManagementApi.h"
#include "core/tenant/Tenant.h"
#include "ui/common/Form.h"
#include "ui/common/MessageBar.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

ApplicationApisTab::ApplicationApisTab(Tenant &tenant, QWidget *parent)
    : QWidget(parent)
    , m_tenant(tenant)
    , m_message(new MessageBar(this))
    , m_audience(new QLabel(this))
    , m_authorized(new QCheckBox(tr("Authorized"), this))
    , m_update(
          Form::button(tr("Update"), QStringLiteral("primary"), QStringLiteral("updateGrantButton"), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 20, 0, 0);
    layout->setSpacing(12);
    layout->addWidget(m_message);
    QFrame *card = Form::card(this);
    auto *inside = new QVBoxLayout(card);
    inside->setContentsMargins(24, 18, 24, 20);
    inside->setSpacing(8);
    inside->addWidget(Form::section(tr("Auth0 Management API"), card));
    m_audience->setObjectName(QStringLiteral("apiAudienceLabel"));
    m_audience->setProperty("role", QStringLiteral("muted"));
    m_audience->setTextInteractionFlags(Qt::TextSelectableByMouse);
    inside->addWidget(m_audience);
    inside->addWidget(Form::hint(tr("An authorized application gets access tokens for this API with the "
                                    "client_credentials grant, carrying only the scopes checked below."),
                                 card));
    m_authorized->setObjectName(QStringLiteral("authorizedCheck"));
    inside->addWidget(m_authorized);
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(24);
    const QStringList scopes = ManagementApi::knownScopes();
    for (int i = 0; i < scopes.size(); ++i) {
        auto *box = new QCheckBox(scopes.at(i), card);
        box->setObjectName(QStringLiteral("scope:") + scopes.at(i));
        m_scopes.append(box);
        grid->addWidget(box, i / 2, i % 2);
        connect(box, &QCheckBox::toggled, this, &ApplicationApisTab::updateState);
    }
    inside->addLayout(grid);
    inside->addWidget(m_update, 0, Qt::AlignRight);
    layout->addWidget(card);
    layout->addStretch(1);

    connect(m_authorized, &QCheckBox::toggled, this, &ApplicationApisTab::updateState);
    connect(m_update, &QPushButton::clicked, this, &ApplicationApisTab::save);
    connect(&tenant.loginServer(), &LoginServer::stateChanged, this, [this] { load(m_application); });
}

void ApplicationApisTab::load(const Application &application)
{
    m_application = application;
    m_message->clear();
    const QString audience = m_tenant.loginServer().managementAudience();
    m_audience->setText(tr("Identifier: %1").arg(audience));
    auto grant = m_tenant.clientGrants().find(application.clientId, audience);
    if (!grant)
        m_message->showMessage(grant.error().message(), MessageBar::Level::Error);
    m_grantId = grant && grant.value() ? grant.value()->id : QString();
    m_storedScopes = grant && grant.value() ? grant.value()->scopes : QStringList();
    m_authorized->setChecked(!m_grantId.isEmpty());
    for (QCheckBox *box : std::as_const(m_scopes))
        box->setChecked(m_storedScopes.contains(box->text()));
    updateState();
}

QStringList ApplicationApisTab::checkedScopes() const
{
    QStringList scopes;
    for (QCheckBox *box : m_scopes) {
        if (box->isChecked())
            scopes.append(box->text());
    }
    return scopes;
}

void ApplicationApisTab::updateState()
{
    for (QCheckBox *box : std::as_const(m_scopes))
        box->setEnabled(m_authorized->isChecked());
    const bool changed = m_authorized->isChecked() != !m_grantId.isEmpty()
        || (m_authorized->isChecked() && checkedScopes() != m_storedScopes);
    m_update->setEnabled(changed && (!m_authorized->isChecked() || !checkedScopes().isEmpty()));
}

void ApplicationApisTab::save()
{
    ClientGrantService &grants = m_tenant.clientGrants();
    QString done;
    if (!m_authorized->isChecked()) {
        if (auto removed = grants.remove(m_grantId); !removed)
            return m_message->showMessage(removed.error().message(), MessageBar::Level::Error);
        done = tr("%1 may no longer call the Management API.").arg(m_application.name);
    } else if (m_grantId.isEmpty()) {
        auto created = grants.create(
            m_application.clientId, m_tenant.loginServer().managementAudience(), checkedScopes());
        if (!created)
            return m_message->showMessage(created.error().message(), MessageBar::Level::Error);
        done = tr("%1 may call the Management API.").arg(m_application.name);
    } else {
        auto updated = grants.updateScopes(m_grantId, checkedScopes());
        if (!updated)
            return m_message->showMessage(updated.error().message(), MessageBar::Level::Error);
        done = tr("The scopes of %1 are updated.").arg(m_application.name);
    }
    load(m_application);
    m_message->showMessage(done, MessageBar::Level::Success);
}
