#include "CreateActionDialog.h"

#include "core/actions/CustomActionService.h"
#include "core/runtime/ActionTriggers.h"
#include "ui/common/ConfirmationBox.h"
#include "ui/common/Form.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

QString CreateActionDialog::defaultTrigger()
{
    return QStringLiteral("post-login");
}

QString CreateActionDialog::runtimeLabel(const QString &runtime)
{
    static const QRegularExpression node(QStringLiteral("^node(\\d+)$"));
    const QRegularExpressionMatch match = node.match(runtime);
    return match.hasMatch() ? tr("Node %1").arg(match.captured(1)) : runtime;
}

CreateActionDialog::CreateActionDialog(CustomActionService &service,
                                       const QString &triggerId,
                                       QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_name(new QLineEdit(this))
    , m_nameError(Form::error(QStringLiteral("actionNameError"), this))
    , m_trigger(new QComboBox(this))
    , m_runtime(new QComboBox(this))
    , m_error(Form::error(QStringLiteral("createError"), this))
{
    setObjectName(QStringLiteral("createActionDialog"));
    setWindowTitle(tr("Create Action"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 24, 28, 20);
    layout->setSpacing(8);
    layout->addWidget(
        Form::pageHeader(tr("Create Action"),
                         tr("Build from scratch: your own Node.js code, run when its trigger fires."),
                         this));
    layout->addSpacing(8);

    m_name->setObjectName(QStringLiteral("actionName"));
    m_name->setPlaceholderText(tr("e.g. Send codes through my SMS provider"));
    // Room past the limit, so that a name too long is marked rather than cut.
    m_name->setMaxLength(CustomActionService::MaxNameLength + 20);
    layout->addWidget(Form::label(tr("&Name"), m_name, this));
    layout->addWidget(m_name);
    layout->addWidget(m_nameError);

    layout->addSpacing(6);
    m_trigger->setObjectName(QStringLiteral("actionTrigger"));
    for (const QString &id : ActionTriggers::runnable())
        m_trigger->addItem(ActionTriggers::label(id), id);
    const int chosen
        = m_trigger->findData(ActionTriggers::isRunnable(triggerId) ? triggerId : defaultTrigger());
    m_trigger->setCurrentIndex(qMax(0, chosen));
    layout->addWidget(Form::label(tr("&Trigger"), m_trigger, this));
    layout->addWidget(m_trigger);
    layout->addWidget(
        Form::hint(tr("The flow the action can be added to. It cannot be changed later."), this));

    layout->addSpacing(6);
    m_runtime->setObjectName(QStringLiteral("actionRuntime"));
    for (const QString &runtime : ActionTriggers::runtimes())
        m_runtime->addItem(runtimeLabel(runtime), runtime);
    m_runtime->setCurrentIndex(qMax(0, m_runtime->findData(ActionTriggers::defaultRuntime())));
    layout->addWidget(Form::label(tr("&Runtime"), m_runtime, this));
    layout->addWidget(m_runtime);
    layout->addWidget(m_error);
    layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(this);
    m_create = buttons->addButton(tr("Create"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("createButton"));
    Form::setKind(m_create, QStringLiteral("primary"));
    m_create->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    ConfirmationBox::useFlatButtons(buttons);
    layout->addSpacing(8);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &CreateActionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &CreateActionDialog::updateState);
    updateState();
    Form::fitDialog(this, 560);
}

void CreateActionDialog::updateState()
{
    const QString problem = CustomActionService::nameProblem(m_name->text());
    // Nothing to say before the admin typed: an untouched empty field only disables Create.
    showErrors(m_name->isModified() ? problem : QString(), {});
    m_create->setEnabled(problem.isEmpty());
}

void CreateActionDialog::showErrors(const QString &name, const QString &other)
{
    const bool wereShown = m_nameError->isVisibleTo(this) || m_error->isVisibleTo(this);
    Form::setError(m_nameError, m_name, name);
    Form::setError(m_error, nullptr, other);
    // The dialog has the height its text needs: give it the error lines' height, or take it back.
    if (wereShown != (!name.isEmpty() || !other.isEmpty()))
        Form::fitDialog(this, width());
}

void CreateActionDialog::accept()
{
    if (const QString problem = CustomActionService::nameProblem(m_name->text()); !problem.isEmpty()) {
        showErrors(problem, {});
        m_create->setEnabled(false);
        return;
    }
    auto created = m_service.create(
        m_name->text(), m_trigger->currentData().toString(), m_runtime->currentData().toString());
    if (!created) {
        // The trigger and runtime come from the service's own lists: what it refuses is the name.
        const bool aboutTheName = created.error().kind() == Error::Kind::Invalid;
        showErrors(aboutTheName ? created.error().message() : QString(),
                   aboutTheName ? QString() : created.error().message());
        m_name->setFocus();
        return;
    }
    m_createdId = created.value().id;
    QDialog::accept();
}
