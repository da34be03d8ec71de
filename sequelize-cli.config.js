// sequelize-cli reads DATABASE_URL; the app itself also works without it (embedded PostgreSQL).
module.exports = {
  development: { use_env_variable: 'DATABASE_URL', dialect: 'postgres' },
  test: { use_env_variable: 'DATABASE_URL', dialect: 'postgres' },
  production: { use_env_variable: 'DATABASE_URL', dialect: 'postgres' },
}
