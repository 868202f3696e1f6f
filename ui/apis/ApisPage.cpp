#include "ApisPage.h"

#include "core/server/LoginServer.h"
#include "core/tenant/Tenant.h"
#include "ui/common/Form.h"
#include "ui/shell/Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

ApisPage::ApisPage(Tenant &tenant, QWidget *parent)
    : Page(parent)
    , m_tenant(tenant)
    , m_managementApi(new QPushButton(this))
    , m_icon(new QLabel(m_managementApi))
    , m_identifier(new QLabel(m_managementApi))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 32, 40, 32);
    layout->setSpacing(16);
    layout->addWidget(Form::pageHeader(
        tr("APIs"), tr("Define APIs that you can consume from your authorized applications.")));

    m_managementApi->setObjectName(QStringLiteral("api-management"));
    m_managementApi->setProperty("kind", QStringLiteral("tile"));
    m_managementApi->setCursor(Qt::PointingHandCursor);
    m_managementApi->setMinimumHeight(72);
    auto *row = new QHBoxLayout(m_managementApi);
    row->setContentsMargins(16, 12, 16, 12);
    row->setSpacing(14);
    row->addWidget(m_icon, 0, Qt::AlignVCenter);
    auto *text = new QVBoxLayout;
    text->setSpacing(3);
    auto *nameLine = new QHBoxLayout;
    nameLine->setSpacing(10);
    auto *name = new QLabel(tr("Auth0 Management API"), m_managementApi);
    name->setProperty("role", QStringLiteral("fieldLabel"));
    nameLine->addWidget(name);
    auto *badge = new QLabel(tr("System API"), m_managementApi);
    badge->setObjectName(QStringLiteral("systemApiBadge"));
    badge->setProperty("role", QStringLiteral("badge"));
    nameLine->addWidget(badge);
    nameLine->addStretch(1);
    text->addLayout(nameLine);
    m_identifier->setObjectName(QStringLiteral("apiIdentifier"));
    m_identifier->setProperty("role", QStringLiteral("hint"));
    text->addWidget(m_identifier);
    row->addLayout(text, 1);
    auto *chevron = new QLabel(m_managementApi);
    chevron->setObjectName(QStringLiteral("chevron"));
    row->addWidget(chevron, 0, Qt::AlignVCenter);
    for (QLabel *label : m_managementApi->findChildren<QLabel *>())
        label->setAttribute(Qt::WA_TransparentForMouseEvents);
    layout->addWidget(m_managementApi);
    layout->addStretch(1);

    connect(m_managementApi, &QPushButton::clicked, this, [this] { Q_EMIT navigate(Page::Id::Api); });
    connect(&tenant.loginServer(), &LoginServer::stateChanged, this, &ApisPage::updateIdentifier);
    connect(&Theme::instance(), &Theme::changed, this, &ApisPage::updateIcons);
    updateIcons();
}

void ApisPage::open(const QString &)
{
    updateIdentifier();
}

void ApisPage::updateIdentifier()
{
    const QString audience = m_tenant.loginServer().managementAudience();
    m_identifier->setText(tr("API Identifier  %1").arg(audience));
    m_managementApi->setAccessibleName(tr("Auth0 Management API, System API"));
    m_managementApi->setAccessibleDescription(tr("API Identifier %1").arg(audience));
}

void ApisPage::updateIcons()
{
    m_icon->setPixmap(Theme::instance().icon(QStringLiteral("apis")).pixmap(24, 24));
    if (auto *chevron = m_managementApi->findChild<QLabel *>(QStringLiteral("chevron")))
        chevron->setPixmap(Theme::instance().icon(QStringLiteral("chevron-right")).pixmap(18, 18));
}
