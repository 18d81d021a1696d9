// Drives Kumo's OpenWhisk-compatible API with the official `openwhisk` npm client, as an OpenWhisk user
// would. Exits 0 and prints "ALL OK" when every step behaved like OpenWhisk; any failure exits 1.
'use strict'

const fs = require('fs')
const openwhisk = require('openwhisk')

const apihost = process.env.KUMO_OW_APIHOST
const ow = openwhisk({ apihost, api_key: process.env.KUMO_OW_AUTH })
const jar = fs.readFileSync(process.env.KUMO_EXAMPLES_JAR).toString('base64')

function check (ok, what) {
  if (!ok) throw new Error('check failed: ' + what)
  console.log('ok  ' + what)
}

async function eventually (what, probe) {
  const deadline = Date.now() + 30000
  for (;;) {
    try {
      const value = await probe()
      if (value) return value
    } catch (e) {
      if (Date.now() > deadline) throw e
    }
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + what)
    await new Promise(resolve => setTimeout(resolve, 200))
  }
}

async function main () {
  const name = 'js-owhello'
  const created = await ow.actions.create({
    name,
    action: { exec: { kind: 'java:default', code: jar, main: 'dev.kumo.examples.OwHello' } }
  })
  check(created.name === name && created.version === '0.0.1', 'actions.create -> ' + created.version)
  const updated = await ow.actions.update({ name, params: { name: 'default' } })
  check(updated.version === '0.0.2', 'actions.update bumps the version')

  const listed = await ow.actions.list()
  check(listed.some(a => a.name === name) && listed.some(a => a.name === 'hello'), 'actions.list')

  const got = await ow.actions.get({ name })
  check(got.exec.kind === 'java:default' && got.parameters[0].value === 'default', 'actions.get')

  const result = await ow.actions.invoke({ name, blocking: true, result: true, params: { name: 'JS' } })
  check(result.greeting === 'Hello JS!', 'blocking invoke with result=true -> ' + JSON.stringify(result))
  const byDefault = await ow.actions.invoke({ name, blocking: true, result: true })
  check(byDefault.greeting === 'Hello default!', 'default parameters')

  const queued = await ow.actions.invoke({ name, params: { name: 'Async' } })
  check(/^[0-9a-f]{32}$/.test(queued.activationId), 'non-blocking invoke -> ' + queued.activationId)
  const activation = await eventually('the activation', () => ow.activations.get({ name: queued.activationId }))
  check(activation.response.success && activation.response.result.greeting === 'Hello Async!', 'activations.get')
  const res = await ow.activations.result({ name: queued.activationId })
  check(res.result.greeting === 'Hello Async!', 'activations.result')

  const hello = await ow.actions.invoke({ name: 'hello', blocking: true, params: { name: 'Logs' } })
  const logs = await ow.activations.logs({ name: hello.activationId })
  check(logs.logs.some(l => l.endsWith('stdout: INFO greeting Logs')), 'activations.logs')
  const recent = await ow.activations.list({ name, limit: 2 })
  check(recent.length === 2 && recent[0].activationId === queued.activationId, 'activations.list newest first')

  try {
    await ow.actions.invoke({ name: 'fail', blocking: true, params: { message: 'kaput' } })
    check(false, 'a failing action rejects')
  } catch (e) {
    check(e.statusCode === 502 && e.error.response.status === 'action developer error', 'developer error -> 502')
  }
  try {
    await ow.actions.invoke({ name: 'echo', blocking: true, result: true, params: { error: 'no stock' } })
    check(false, 'an application error rejects')
  } catch (e) {
    check(e.statusCode === 502, 'application error -> 502')
  }

  await ow.triggers.create({ name: 'js-signup', trigger: { parameters: [{ key: 'name', value: 'Fired' }] } })
  await ow.rules.create({ name: 'js-greet', action: name, trigger: 'js-signup' })
  const rule = await ow.rules.get({ name: 'js-greet' })
  check(rule.status === 'active' && rule.action.name === name, 'rules.create -> active')
  const fired = await ow.triggers.invoke({ name: 'js-signup' })
  check(/^[0-9a-f]{32}$/.test(fired.activationId), 'triggers.invoke')
  await eventually('the fired activation', async () => {
    const docs = await ow.activations.list({ name, docs: true, limit: 20 })
    return docs.some(a => a.response.result && a.response.result.greeting === 'Hello Fired!')
  })
  check(true, 'trigger -> rule -> action activation')
  const disabled = await ow.rules.disable({ name: 'js-greet' })
  check(disabled.status === 'inactive', 'rules.disable')
  await ow.rules.delete({ name: 'js-greet' })
  await ow.triggers.delete({ name: 'js-signup' })

  const stranger = openwhisk({ apihost, api_key: '23bc46b1-71f6-4ed5-8c54-816aa4f8c502:wrong' })
  try {
    await stranger.actions.list()
    check(false, 'a wrong key is refused')
  } catch (e) {
    check(e.statusCode === 401, 'wrong key -> 401')
  }

  const deleted = await ow.actions.delete({ name })
  check(deleted.name === name, 'actions.delete')
  console.log('ALL OK')
}

main().catch(e => {
  console.error('FAILED: ' + (e.stack || e) + (e.error ? ' ' + JSON.stringify(e.error) : ''))
  process.exit(1)
})
