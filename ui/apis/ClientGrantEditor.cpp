#include "ClientGrantEditor.h"

#include "core/applications/ClientGrantService.h"
#include "core/server/ManagementApi.h"
#include "ui/common/Form.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace {

QStringList sorted(QStringList scopes)
{
    scopes.sort();
    return scopes;
}

} // namespace

ClientGrantEditor::ClientGrantEditor(ClientGrantService &grants,
                                     QCheckBox *authorized,
                                     int columns,
                                     QWidget *parent)
    : QWidget(parent)
    , m_grants(grants)
    , m_authorized(authorized)
    , m_columns(columns)
    , m_grid(new QGridLayout)
    , m_update(
          Form::button(tr("Update"), QStringLiteral("primary"), QStringLiteral("updateGrantButton"), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    auto *heading = new QHBoxLayout;
    auto *permissions = new QLabel(tr("Permissions"), this);
    permissions->setProperty("role", QStringLiteral("fieldLabel"));
    heading->addWidget(permissions);
    heading->addStretch(1);
    heading->addWidget(new QLabel(tr("Select:"), this));
    auto *all = Form::button(tr("All"), QStringLiteral("link"), QStringLiteral("selectAllScopes"), this);
    auto *none = Form::button(tr("None"), QStringLiteral("link"), QStringLiteral("selectNoScopes"), this);
    all->setAccessibleName(tr("Select all scopes"));
    none->setAccessibleName(tr("Select no scope"));
    heading->addWidget(all);
    heading->addWidget(none);
    layout->addLayout(heading);
    m_grid->setHorizontalSpacing(24);
    layout->addLayout(m_grid);
    layout->addWidget(m_update, 0, Qt::AlignRight);
    addBoxes(ManagementApi::knownScopes());

    const auto checkAll = [this](bool checked) {
        for (QCheckBox *box : std::as_const(m_scopes))
            box->setChecked(checked);
    };
    connect(all, &QPushButton::clicked, this, [checkAll] { checkAll(true); });
    connect(none, &QPushButton::clicked, this, [checkAll] { checkAll(false); });
    connect(m_authorized, &QCheckBox::toggled, this, [this, all, none](bool on) {
        all->setEnabled(on);
        none->setEnabled(on);
        updateState();
    });
    connect(m_update, &QPushButton::clicked, this, &ClientGrantEditor::save);

    const auto follow = [this](const ClientGrant &grant) {
        if (grant.clientId == m_clientId && grant.audience == m_audience)
            setStored(grant);
    };
    connect(&grants, &ClientGrantService::grantCreated, this, follow);
    connect(&grants, &ClientGrantService::grantUpdated, this, follow);
    connect(&grants, &ClientGrantService::grantRemoved, this, [this](const QString &id) {
        if (m_stored && m_stored->id == id)
            setStored(std::nullopt);
    });
    all->setEnabled(false);
    none->setEnabled(false);
    updateState();
}

QString ClientGrantEditor::load(const QString &clientId,
                                const QString &name,
                                const QString &audience,
                                const QString &apiName)
{
    m_clientId = clientId;
    m_name = name;
    m_audience = audience;
    m_apiName = apiName;
    auto grant = m_grants.find(clientId, audience);
    m_stored = grant ? grant.value() : std::nullopt;
    showStored();
    Q_EMIT storedChanged();
    return grant ? QString() : grant.error().message();
}

void ClientGrantEditor::setStored(const std::optional<ClientGrant> &grant)
{
    const bool keepChoices = isDirty() && !m_saving;
    m_stored = grant;
    if (keepChoices) {
        if (m_stored)
            addBoxes(m_stored->scopes);
        updateState();
        Q_EMIT changedElsewhere();
    } else {
        showStored();
    }
    Q_EMIT storedChanged();
}

void ClientGrantEditor::showStored()
{
    const QStringList scopes = m_stored ? m_stored->scopes : QStringList();
    addBoxes(scopes);
    m_authorized->setChecked(m_stored.has_value());
    for (QCheckBox *box : std::as_const(m_scopes))
        box->setChecked(scopes.contains(box->text()));
    updateState();
}

void ClientGrantEditor::addBoxes(const QStringList &scopes)
{
    for (const QString &scope : scopes) {
        const bool known = std::any_of(m_scopes.cbegin(), m_scopes.cend(), [&scope](const QCheckBox *box) {
            return box->text() == scope;
        });
        if (known)
            continue;
        auto *box = new QCheckBox(scope, this);
        box->setObjectName(QStringLiteral("scope:") + scope);
        box->setEnabled(m_authorized->isChecked());
        const int at = int(m_scopes.size());
        m_grid->addWidget(box, at / m_columns, at % m_columns);
        m_scopes.append(box);
        connect(box, &QCheckBox::toggled, this, &ClientGrantEditor::updateState);
    }
}

QStringList ClientGrantEditor::checkedScopes() const
{
    QStringList scopes;
    for (QCheckBox *box : m_scopes) {
        if (box->isChecked())
            scopes.append(box->text());
    }
    return scopes;
}

QString ClientGrantEditor::scopeCount(qsizetype count)
{
    return count == 1 ? tr("1 scope") : tr("%1 scopes").arg(count);
}

bool ClientGrantEditor::isDirty() const
{
    if (m_authorized->isChecked() != m_stored.has_value())
        return true;
    return m_stored && sorted(checkedScopes()) != sorted(m_stored->scopes);
}

void ClientGrantEditor::updateState()
{
    for (QCheckBox *box : std::as_const(m_scopes))
        box->setEnabled(m_authorized->isChecked());
    m_update->setEnabled(!m_clientId.isEmpty() && isDirty()
                         && (!m_authorized->isChecked() || !checkedScopes().isEmpty()));
}

void ClientGrantEditor::save()
{
    if (!m_update->isEnabled())
        return;
    QString done;
    m_saving = true;
    if (!m_authorized->isChecked()) {
        // A copy: grantRemoved() reaches this editor, which drops m_stored, before the other receivers.
        const QString id = m_stored->id;
        if (auto removed = m_grants.remove(id); !removed) {
            m_saving = false;
            return Q_EMIT failed(removed.error().message());
        }
        done = tr("%1 may no longer call the %2.").arg(m_name, m_apiName);
    } else if (!m_stored) {
        auto created = m_grants.create(m_clientId, m_audience, checkedScopes());
        if (!created) {
            m_saving = false;
            return Q_EMIT failed(created.error().message());
        }
        done = tr("%1 may call the %2 with %3.")
                   .arg(m_name, m_apiName, scopeCount(created.value().scopes.size()));
    } else {
        auto updated = m_grants.updateScopes(m_stored->id, checkedScopes());
        if (!updated) {
            m_saving = false;
            return Q_EMIT failed(updated.error().message());
        }
        done = tr("The scopes of %1 are updated: %2.").arg(m_name, scopeCount(updated.value().scopes.size()));
    }
    m_saving = false;
    // The service's signal already showed the stored grant; read it once more in case it did not come.
    load(m_clientId, m_name, m_audience, m_apiName);
    Q_EMIT saved(done);
}
