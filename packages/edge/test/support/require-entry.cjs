// Entry for the exports-map test: which build does `require` get under each runtime condition?
module.exports = require('@flare/edge');
