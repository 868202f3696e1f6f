#include "ActionSecretsPanel.h"

#include "core/actions/CustomActionService.h"
#include "ui/common/ConfirmationBox.h"
#include "ui/common/Form.h"
#include "ui/customactions/ActionLook.h"
#include "ui/customactions/SecretDialog.h"
#include "ui/shell/Theme.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

ActionSecretsPanel::ActionSecretsPanel(CustomActionService &service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_list(new QTreeWidget(this))
    , m_empty(new QLabel(this))
    , m_progress(Form::hint({}, this))
    , m_add(
          Form::button(tr("Add Secret"), QStringLiteral("primary"), QStringLiteral("addSecretButton"), this))
    , m_replace(Form::button(tr("Replace value"), {}, QStringLiteral("replaceSecretButton"), this))
    , m_remove(
          Form::button(tr("Remove"), QStringLiteral("danger"), QStringLiteral("removeSecretButton"), this))
{
    setObjectName(QStringLiteral("secretsPanel"));
    setAccessibleName(tr("Secrets"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(10);
    layout->addWidget(Form::hint(tr("Keys and tokens the action reads as event.secrets.NAME. Values are "
                                    "kept in the secret store and cannot be viewed once saved."),
                                 this));

    m_list->setObjectName(QStringLiteral("secretsList"));
    m_list->setAccessibleName(tr("Secrets of the action"));
    m_list->setColumnCount(2);
    m_list->setHeaderHidden(true);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    Form::setUpList(m_list);
    layout->addWidget(m_list, 1);
    m_empty->setObjectName(QStringLiteral("secretsEmpty"));
    m_empty->setText(tr("No secrets yet. Add the API keys and tokens the action needs."));
    Form::setUpEmptyState(m_empty);
    layout->addWidget(m_empty, 1);
    layout->addWidget(m_progress);

    m_add->setIcon(Theme::instance().icon(QStringLiteral("plus"), QStringLiteral("onAccent")));
    m_replace->setAccessibleName(tr("Replace the value of the selected secret"));
    m_remove->setAccessibleName(tr("Remove the selected secret"));
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    buttons->addWidget(m_add);
    buttons->addStretch(1);
    buttons->addWidget(m_replace);
    buttons->addWidget(m_remove);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, &ActionSecretsPanel::addSecret);
    connect(m_replace, &QPushButton::clicked, this, &ActionSecretsPanel::replaceSelected);
    connect(m_remove, &QPushButton::clicked, this, &ActionSecretsPanel::removeSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &ActionSecretsPanel::updateButtons);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &ActionSecretsPanel::replaceSelected);
    connect(&Theme::instance(), &Theme::changed, this, [this] { setAction(m_action); });
    updateButtons();
}

void ActionSecretsPanel::setAction(const CustomAction &action)
{
    const QString selected = action.id == m_action.id ? selectedName() : QString();
    m_action = action;
    m_list->clear();
    const QColor muted = Theme::instance().color(QStringLiteral("muted"));
    for (const ActionSecret &secret : action.secrets) {
        auto *item = new QTreeWidgetItem(
            m_list, {secret.name, tr("set %1").arg(ActionLook::shortTime(secret.updatedAt))});
        item->setForeground(1, muted);
        item->setData(0, Qt::AccessibleTextRole, tr("%1, set %2").arg(secret.name, item->text(1)));
        if (secret.name == selected)
            item->setSelected(true);
    }
    m_list->setVisible(!action.secrets.isEmpty());
    m_empty->setVisible(action.secrets.isEmpty());
    updateButtons();
}

QString ActionSecretsPanel::selectedName() const
{
    const QList<QTreeWidgetItem *> selected = m_list->selectedItems();
    return selected.isEmpty() ? QString() : selected.first()->text(0);
}

void ActionSecretsPanel::updateButtons()
{
    const bool idle = !m_job && !m_action.id.isEmpty();
    m_add->setEnabled(idle);
    m_replace->setEnabled(idle && !selectedName().isEmpty());
    m_remove->setEnabled(idle && !selectedName().isEmpty());
    m_progress->setVisible(m_job);
}

void ActionSecretsPanel::addSecret()
{
    if (m_job || m_action.id.isEmpty())
        return;
    auto *dialog = new SecretDialog(m_action.secretNames(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString name = dialog->name();
        run(m_service.setSecret(m_action.id, name, dialog->takeValue()), tr("Secret %1 saved.").arg(name));
    });
    dialog->open();
}

void ActionSecretsPanel::replaceSelected()
{
    const QString name = selectedName();
    if (m_job || name.isEmpty())
        return;
    auto *dialog = new SecretDialog(name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, name] {
        run(m_service.setSecret(m_action.id, name, dialog->takeValue()),
            tr("The value of %1 was replaced.").arg(name));
    });
    dialog->open();
}

void ActionSecretsPanel::removeSelected()
{
    const QString name = selectedName();
    if (m_job || name.isEmpty())
        return;
    auto *box = new ConfirmationBox(
        ConfirmationBox::Tone::Danger, tr("Remove secret"), tr("Remove the secret %1?").arg(name), this);
    box->setObjectName(QStringLiteral("removeSecretConfirmation"));
    box->addButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("The action will find event.secrets.%1 undefined, in the draft and in "
                               "the deployed version.")
                                .arg(name));
    QPushButton *remove = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmRemoveSecret"));
    Form::setKind(remove, QStringLiteral("danger"));
    box->setDefaultButton(QMessageBox::Cancel);
    connect(remove, &QPushButton::clicked, this, [this, name] {
        run(m_service.removeSecret(m_action.id, name), tr("Secret %1 removed.").arg(name));
    });
    box->open();
}

void ActionSecretsPanel::run(CustomActionJob *job, const QString &success)
{
    m_job = job;
    m_progress->setText(job->operation() == CustomActionJob::Operation::RemoveSecret
                            ? tr("Removing the secret…")
                            : tr("Saving the secret…"));
    updateButtons();
    connect(job, &CustomActionJob::finished, this, [this, success](CustomActionJob *done) {
        m_job = nullptr;
        if (done->succeeded()) {
            setAction(done->action());
            Q_EMIT message(success, MessageBar::Level::Success);
        } else {
            Q_EMIT message(tr("The secret was not changed: %1").arg(done->error()->message()),
                           MessageBar::Level::Error);
        }
        updateButtons();
    });
}
